// Staff pages' only script (the Content-Security-Policy allows script from this site only, never inline).
// A <select data-autosubmit> submits its form when changed (the language switch).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});

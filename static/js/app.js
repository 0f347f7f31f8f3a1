// Staff pages' only script (the Content-Security-Policy allows script from this site only, never inline).
// A <select data-autosubmit> submits its form when changed (the language switch).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});

// <a data-back> goes back a page when there is one to go back to (its href is the fallback).
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[data-back]") : null;
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

// The periodic-task admin form (django-celery-beat): show the chosen crontab in words under the field.
// Moved out of the package's inline <script> so that the admin runs under a script-src 'self' policy.
(function () {
  var data = document.getElementById("readable-crontabs");
  var select = document.getElementById("id_crontab");
  if (!data || !select) {
    return;
  }
  var readable = JSON.parse(data.textContent);
  var help = document.querySelector(".field-crontab .help");
  var original = help ? help.textContent : "";
  var translation = document.querySelector(".field-crontab_translation");
  if (translation) {
    translation.hidden = true;
  }
  select.addEventListener("change", function () {
    if (!help) {
      return;
    }
    help.textContent = original;
    help.appendChild(document.createElement("br"));
    help.appendChild(document.createTextNode("Translation: " + (readable[select.value] || "")));
  });
})();

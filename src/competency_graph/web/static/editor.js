// The editor's one script: after the live check (htmx) fills the message slots, each field
// whose own slot holds an error is marked aria-invalid, so screen readers say so too.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll("#editor [aria-describedby]").forEach(function (field) {
      var own = document.getElementById(field.getAttribute("aria-describedby").split(" ")[0]);
      var bad = own !== null && own.querySelector(".severity-error") !== null;
      if (field.matches("input, textarea, select")) {
        if (bad) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
      }
    });
  }
  document.addEventListener("htmx:afterSettle", mark);
})();

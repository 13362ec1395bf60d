// Django's autocomplete boxes (select2) leave an optional, empty choice without an
// accessible name. Name each one after its field's label, including rows added later.
"use strict";

function nameAutocompletes() {
  document.querySelectorAll(".select2-selection__rendered[role='textbox']").forEach((el) => {
    if (el.hasAttribute("aria-label")) {
      return;
    }
    const fieldId = (el.id || "").replace(/^select2-/, "").replace(/-container$/, "");
    const label = fieldId && document.querySelector(`label[for="${fieldId}"]`);
    if (label) {
      el.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
    }
  });
}

window.addEventListener("load", () => {
  nameAutocompletes();
  new MutationObserver(nameAutocompletes).observe(document.body, { childList: true, subtree: true });
});

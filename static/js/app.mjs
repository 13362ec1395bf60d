// Start the GOV.UK Frontend components (error summaries, notification banners, buttons).
// The classes tell the stylesheet and the components that JavaScript is running; they are
// set here rather than in an inline script so the Content Security Policy can forbid those.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A button marked data-busy-text says so and stops taking clicks while its form is sent,
// because preparing a report in-process can take a few seconds. Without JavaScript the
// form works the same, without the indicator.
for (const form of document.querySelectorAll("form")) {
  const button = form.querySelector("button[data-busy-text]");
  if (!button) continue;
  form.addEventListener("submit", () => {
    button.setAttribute("aria-disabled", "true");
    button.classList.add("app-button--busy");
    button.textContent = button.dataset.busyText;
    // Disabled after this turn, so the submission already under way is not stopped.
    setTimeout(() => { button.disabled = true; }, 0);
  });
}

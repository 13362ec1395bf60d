// Start the GOV.UK Frontend components (error summaries, notification banners, buttons).
// The classes tell the stylesheet and the components that JavaScript is running; they are
// set here rather than in an inline script so the Content Security Policy can forbid those.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

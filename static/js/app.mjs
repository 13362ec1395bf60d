// Start the GOV.UK Frontend components (error summaries, notification banners, buttons).
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

initAll();

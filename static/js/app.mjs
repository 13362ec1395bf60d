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

// While something on a page is being prepared (a PDF, say), the region marked
// data-refresh-seconds fetches the page again that often and takes its fresh content,
// until nothing is under way. The rest of the page, the reader's place and focus stay as
// they were, and each changed status (an element marked data-announce) is said in the
// live region named by data-news. A timed reload of the whole page would do neither.
const watched = document.querySelector("[data-refresh-seconds]");
if (watched) {
  const wait = Number(watched.dataset.refreshSeconds) * 1000;
  const news = document.getElementById(watched.dataset.news);
  const statuses = (root) =>
    [...root.querySelectorAll("[data-announce]")]
      .map((el) => `${el.dataset.announce}: ${el.textContent.replace(/\s+/g, " ").trim()}`)
      .join(". ");
  let said = statuses(watched);
  const check = async () => {
    let fresh = null;
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      if (response.ok) {
        const html = new DOMParser().parseFromString(await response.text(), "text/html");
        fresh = html.getElementById(watched.id);
      }
    } catch {
      // The server is briefly unreachable: try again at the next turn.
    }
    if (fresh) {
      watched.replaceChildren(...fresh.childNodes);
      const now = statuses(watched);
      if (news && now !== said) news.textContent = now;
      said = now;
      if (!fresh.hasAttribute("data-refresh-seconds")) {
        watched.removeAttribute("data-refresh-seconds");
        return;
      }
    }
    setTimeout(check, wait);
  };
  setTimeout(check, wait);
}

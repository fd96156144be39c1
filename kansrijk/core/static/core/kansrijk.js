// kansrijk: small progressive enhancements; every page also works without JavaScript.
document.addEventListener("htmx:responseError", (event) => {
  const target = document.querySelector(".kr-messages") || document.getElementById("inhoud");
  if (target) {
    const alert = document.createElement("div");
    alert.className = "utrecht-alert utrecht-alert--error";
    alert.setAttribute("role", "alert");
    alert.textContent = document.documentElement.lang === "en"
      ? "Something went wrong. Your input has not been lost; please try again."
      : "Er ging iets mis. Je invoer is niet verloren; probeer het opnieuw.";
    target.prepend(alert);
  }
});

// Forms marked data-warn-unsaved ask before the page is left with changes that were not
// saved yet; an autosave (htmx) or a submit counts as saved.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-warn-unsaved]").forEach((form) => {
    let dirty = false;
    form.addEventListener("input", () => { dirty = true; });
    form.addEventListener("change", () => { dirty = true; });
    form.addEventListener("submit", () => { dirty = false; });
    form.addEventListener("htmx:afterRequest", (event) => {
      if (event.detail.successful && !form.querySelector("#autosave-status .kr-error")) {
        dirty = false;
      }
    });
    window.addEventListener("beforeunload", (event) => {
      if (dirty) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    // Partner questions only matter when the partner takes part.
    const partner = form.querySelector("input[name='partner_present']");
    const toggle = () => {
      form.querySelectorAll("[data-partner-items]").forEach((group) => {
        group.hidden = partner && !partner.checked;
      });
    };
    if (partner) {
      partner.addEventListener("change", toggle);
      toggle();
    }
  });
});

// A form that saves itself (htmx) must not race its own submit: the submit waits for a save
// in flight (whose answer brings the new version), and no save starts once it is submitted.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-warn-unsaved][hx-post]").forEach((form) => {
    let submitting = false;
    form.addEventListener("htmx:confirm", (event) => {
      if (submitting) event.preventDefault();
    });
    form.addEventListener("submit", (event) => {
      if (form.classList.contains("htmx-request")) {
        event.preventDefault();
        const submitter = event.submitter;
        form.addEventListener("htmx:afterSettle", () => form.requestSubmit(submitter), { once: true });
        return;
      }
      submitting = true;
    });
  });
});

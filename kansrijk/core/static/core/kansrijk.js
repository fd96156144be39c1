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

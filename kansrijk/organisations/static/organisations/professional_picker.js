// The professional picker (kansrijk/organisations/forms_picker.py): suggestions appear in
// the input's native <datalist> as the user types; choosing one sends its membership id
// along (the hidden "..._keuze" input). Without JavaScript the server resolves the name.
(function () {
  const MIN_LENGTH = 2;
  const DELAY_MS = 200;

  function enhance(input) {
    const list = document.getElementById(input.getAttribute("list"));
    const choice = input.form && input.form.querySelector(
      `input[type="hidden"][name="${input.name}_keuze"]`
    );
    if (!list) return;
    let timer = null;
    let controller = null;
    let known = new Map();

    const remember = () => {
      if (choice) choice.value = known.get(input.value) || "";
    };

    const fill = (results) => {
      known = new Map(results.map((result) => [result.label, String(result.id)]));
      list.replaceChildren(
        ...results.map((result) => {
          const option = document.createElement("option");
          option.value = result.label;
          return option;
        })
      );
      remember();
    };

    const search = () => {
      const text = input.value.trim();
      if (text.length < MIN_LENGTH || known.has(input.value)) return;
      if (controller) controller.abort();
      controller = new AbortController();
      const url = new URL(input.dataset.professionalPicker, window.location.href);
      url.searchParams.set("q", text);
      fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller.signal,
      })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((body) => fill(body.results || []))
        .catch(() => {});
    };

    input.addEventListener("input", () => {
      remember();
      window.clearTimeout(timer);
      timer = window.setTimeout(search, DELAY_MS);
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-professional-picker]").forEach(enhance);
  });
})();

// Finds the islands the server marked and hydrates each with its own module.
import { h, hydrate } from "preact";

for (const element of document.querySelectorAll<HTMLElement>("[data-island]")) {
  const src = element.dataset.src;
  if (!src) continue;
  const props = JSON.parse(element.dataset.props ?? "{}");
  import(src).then(
    (mod) => {
      hydrate(h(mod.default, props), element);
      element.dataset.hydrated = "true";
    },
    (error) => console.error(`island ${element.dataset.island} failed to load`, error),
  );
}

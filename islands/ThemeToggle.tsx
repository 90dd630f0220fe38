import { useSignal } from "@preact/signals";

/** Props of the theme toggle: the theme the server rendered with. */
export interface ThemeToggleProps {
  theme: "system" | "light" | "dark";
}

const NEXT = { system: "light", light: "dark", dark: "system" } as const;
const LABEL = { system: "Theme: system", light: "Theme: light", dark: "Theme: dark" } as const;

/**
 * Cycles system → light → dark. The choice is a cookie the server reads, so
 * the next page is rendered in it from the first byte (no flash, no shift).
 */
export default function ThemeToggle(props: ThemeToggleProps) {
  const theme = useSignal(props.theme);
  function toggle() {
    theme.value = NEXT[theme.value];
    const root = document.documentElement;
    if (theme.value === "system") delete root.dataset.theme;
    else root.dataset.theme = theme.value;
    document.cookie = `theme=${theme.value}; path=/; max-age=31536000; samesite=lax`;
  }
  return (
    <button
      type="button"
      class="theme-toggle"
      onClick={toggle}
      aria-label={LABEL[theme.value]}
      title={LABEL[theme.value]}
    >
      <span aria-hidden="true">{theme.value === "dark" ? "☾" : theme.value === "light" ? "☀" : "◐"}</span>
    </button>
  );
}

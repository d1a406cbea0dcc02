"use client";

const STORAGE_KEY = "virtdeck-theme";

/**
 * Switches between light and dark. The theme is the `dark` class that app/layout.tsx's inline
 * script sets on <html> before first paint; the button shows both labels and CSS picks one, so
 * the server's markup and the browser's first render are the same whatever the theme (no state
 * read from the document during render, nothing for hydration to disagree about).
 */
export function ThemeToggle() {
  const toggle = () => {
    const next = !document.documentElement.classList.contains("dark");
    document.documentElement.classList.toggle("dark", next);
    try {
      localStorage.setItem(STORAGE_KEY, next ? "dark" : "light");
    } catch {
      // Storage refused (private mode): the switch holds for this page only.
    }
  };
  return (
    <button
      type="button"
      onClick={toggle}
      className="rounded-md px-2 py-1 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
    >
      <span className="dark:hidden">
        <span className="sr-only">Switch to dark theme</span>
        <span aria-hidden>☾ Dark</span>
      </span>
      <span className="hidden dark:inline">
        <span className="sr-only">Switch to light theme</span>
        <span aria-hidden>☀ Light</span>
      </span>
    </button>
  );
}

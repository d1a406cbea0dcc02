import type { HTMLAttributes } from "react";

/** Preformatted text (XML, JSON) in a box that scrolls, and takes focus so keys can scroll it. */
export function CodeBlock(props: HTMLAttributes<HTMLPreElement>) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take focus to be scrolled from the keyboard (WCAG 2.1.1)
    <pre tabIndex={0} {...props} />
  );
}

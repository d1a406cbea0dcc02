"use client";
// A console's box takes the height left in the window below its top, so that "fit to window"
// fits both ways and the page does not scroll (in the app's page and in a pop-out window alike).
import { type RefObject, useLayoutEffect } from "react";

/** Below this the console would be unusable: the page scrolls instead. */
const MIN_HEIGHT = 240;

const px = (value: string) => Number.parseFloat(value) || 0;

/** What the page keeps below `el`: its ancestors' bottom padding, borders and margins, and what follows it in a column. */
function spaceBelow(el: HTMLElement): number {
  let total = 0;
  for (
    let node: HTMLElement | null = el;
    node && node !== document.body;
    node = node.parentElement
  ) {
    const style = getComputedStyle(node);
    total += px(style.marginBottom);
    if (node !== el) total += px(style.paddingBottom) + px(style.borderBottomWidth);
    const parent = node.parentElement;
    if (!parent) break;
    const flow = getComputedStyle(parent);
    if (flow.display.includes("flex") && !flow.flexDirection.startsWith("column")) continue;
    for (let next = node.nextElementSibling; next; next = next.nextElementSibling) {
      const position = getComputedStyle(next).position;
      if (position !== "fixed" && position !== "absolute")
        total += (next as HTMLElement).offsetHeight + px(flow.rowGap);
    }
  }
  return total;
}

export function useFillHeight(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const refit = () => {
      const top = el.getBoundingClientRect().top + window.scrollY;
      const height = Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - top - spaceBelow(el)));
      if (el.style.height !== `${height}px`) el.style.height = `${height}px`;
    };
    refit();
    // The toolbar above may wrap, a message may appear: whatever moves the box refits it.
    const observer = new ResizeObserver(refit);
    observer.observe(document.body);
    window.addEventListener("resize", refit);
    return () => {
      observer.disconnect();
      window.removeEventListener("resize", refit);
    };
  }, [ref]);
}

// Colour contrast as WCAG 2 measures it, shared by the specs that check pages and editors.

/** Relative luminance of a CSS `rgb()`/`rgba()` colour. */
export function luminance(color: string): number {
  const [r, g, b] = color.match(/[\d.]+/g)!.map(Number).map((value) => value / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/**
 * Visible text whose colour against its nearest opaque background is under 4.5:1 (3:1 for
 * large text). It runs in the page (`page.evaluate(contrastFailures)`), so it is self-contained.
 */
export function contrastFailures(): string[] {
  const canvas = document.createElement("canvas").getContext("2d")!;
  const rgba = (color: string): [number, number, number, number] => {
    canvas.clearRect(0, 0, 1, 1);
    canvas.fillStyle = "#000";
    canvas.fillStyle = color;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a! / 255];
  };
  const lum = ([r, g, b]: number[]) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
  };
  const background = (element: Element | null): number[] => {
    for (let node = element; node; node = node.parentElement) {
      const [r, g, b, a] = rgba(getComputedStyle(node).backgroundColor);
      if (a > 0.5) return [r, g, b];
    }
    return [255, 255, 255];
  };
  const failures: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || !node.textContent?.trim()) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (box.width === 0 || style.visibility === "hidden" || element.closest("[aria-hidden=true], .sr-only, :disabled, [aria-disabled=true]")) continue;
    const [r, g, b, a] = rgba(style.color);
    if (a < 0.5) continue;
    const [l1, l2] = [lum([r, g, b]), lum(background(element))].sort((x, y) => y - x);
    const ratio = (l1! + 0.05) / (l2! + 0.05);
    const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push(`${ratio.toFixed(2)} "${node.textContent.trim().slice(0, 40)}"`);
  }
  return failures;
}

/** Where the person's choice is kept; absent means "follow the system setting". */
export const THEME_STORAGE_KEY = "spool-theme";

/**
 * Runs inline in <head>, before the first paint, so a dark page never flashes light:
 * the stored choice, else the system setting. It carries the page's CSP nonce.
 */
export const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t==="dark"||(t!=="light"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;

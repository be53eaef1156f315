// Class names shared by the composer's editors, so every control looks and sizes alike.
export const input =
  "block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm shadow-inner focus:border-indigo-500 aria-invalid:border-red-500";
export const select = "rounded-md border border-slate-300 bg-surface px-2 py-1.5 text-sm";
export const secondaryButton =
  "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-surface px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50";
export const quietButton =
  "rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-40";
export const removeButton = "rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 hover:text-red-700";
export const panel = "rounded-xl border border-slate-200 bg-slate-100/60 p-4 sm:p-6";
export const card = "rounded-lg border border-slate-200 bg-surface p-3 shadow-sm sm:p-4";
export const sectionTitle = "text-base font-semibold text-slate-900";
export const hint = "text-xs text-slate-600";

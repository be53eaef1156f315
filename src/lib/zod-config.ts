// zod compiles object parsers with `new Function` when it may; Spool's CSP forbids eval,
// and the browser reports zod's probe for it as a violation. Plain parsing is fast enough.
import { z } from "zod";

z.config({ jitless: true });

// Imported first: zod probes for `new Function` (its JIT) when schemas are built; the page's CSP
// forbids eval, so the probe would only log a CSP violation. Go without.
import { z } from 'zod';

z.config({ jitless: true });

// `import '@luot/ui/zod-jitless';` first in every page's entry, before anything that builds a
// schema (@luot/shared builds them as its modules load): zod probes for `new Function` (its JIT)
// when a schema is built, and the pages' CSP forbids eval, so the probe would only log a CSP
// violation. Go without. A bare import: Biome keeps it first when it sorts the imports.
import { z } from 'zod';

z.config({ jitless: true });

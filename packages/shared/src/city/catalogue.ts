// zod schemas of the city's procedure catalogue (API.md, "The city"): the fields and procedures
// (national procedure codes, Vietnamese and English names) the city keeps, imports from JSON or
// XLSX and publishes in numbered versions; each joined hub fetches the published version (ETag)
// and its administrator applies the difference (catalogue-diff.ts).
import { z } from 'zod';
import { ServiceCode } from '../admin.ts';
import { IsoTime, Text } from '../schemas.ts';

const required = (max: number) => Text(max).pipe(z.string().min(1, 'required'));

/** A national procedure code, e.g. 1.001193: letters, digits, dot, dash or underscore. */
export const NationalProcedureCode = z
  .string()
  .trim()
  .min(1, 'required')
  .max(40, 'at most 40 characters')
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore');

export const CatalogueProcedure = z.strictObject({
  code: NationalProcedureCode,
  name: required(300),
  nameEn: Text(300).default(''),
});
export type CatalogueProcedure = z.infer<typeof CatalogueProcedure>;

export const CatalogueField = z.strictObject({
  code: ServiceCode,
  name: required(200),
  nameEn: Text(200).default(''),
  procedures: z.array(CatalogueProcedure).max(5000),
});
export type CatalogueField = z.infer<typeof CatalogueField>;

/** Most procedures one catalogue may hold (Cần Thơ's list of procedures for any centre: 1,320). */
export const CATALOGUE_MAX_PROCEDURES = 5000;

/** A catalogue as imported: every field once, every procedure code once in the whole catalogue. */
export const CatalogueContent = z
  .strictObject({
    fields: z.array(CatalogueField).min(1, 'at least one field').max(200),
  })
  .superRefine((c, ctx) => {
    const fields = new Set<string>();
    const procedures = new Set<string>();
    let count = 0;
    c.fields.forEach((f, i) => {
      if (fields.has(f.code))
        ctx.addIssue({
          code: 'custom',
          path: ['fields', i, 'code'],
          message: 'a field code is listed twice',
        });
      fields.add(f.code);
      f.procedures.forEach((p, j) => {
        count++;
        if (procedures.has(p.code)) {
          ctx.addIssue({
            code: 'custom',
            path: ['fields', i, 'procedures', j, 'code'],
            message: 'a procedure code is listed twice',
          });
        }
        procedures.add(p.code);
      });
    });
    if (count > CATALOGUE_MAX_PROCEDURES) {
      ctx.addIssue({
        code: 'custom',
        path: ['fields'],
        message: `more than ${CATALOGUE_MAX_PROCEDURES} procedures`,
      });
    }
  });
export type CatalogueContent = z.infer<typeof CatalogueContent>;

export const CatalogueImportRequest = z.strictObject({
  note: Text(200).default(''),
  fields: CatalogueContent.shape.fields,
});

/** One version of the catalogue at the city: a draft until published; one is published at a time. */
export const CatalogueVersionInfo = z.object({
  version: z.number().int().min(1),
  note: z.string(),
  createdAt: IsoTime,
  createdBy: z.string(),
  publishedAt: IsoTime.nullable(),
  /** True for the version hubs receive now. */
  current: z.boolean(),
  fields: z.number().int(),
  procedures: z.number().int(),
});
export type CatalogueVersionInfo = z.infer<typeof CatalogueVersionInfo>;

export const CatalogueVersionsResponse = z.object({ versions: z.array(CatalogueVersionInfo) });
export const CatalogueVersionParams = z.strictObject({ version: z.coerce.number().int().min(1) });
export const CatalogueVersionResponse = z.object({
  info: CatalogueVersionInfo,
  fields: z.array(CatalogueField),
});

/** What hubs fetch: the published version (ETag "v<version>"; 304 on If-None-Match). */
export const PublishedCatalogue = z.object({
  version: z.number().int().min(1),
  publishedAt: IsoTime,
  fields: z.array(CatalogueField),
});
export type PublishedCatalogue = z.infer<typeof PublishedCatalogue>;

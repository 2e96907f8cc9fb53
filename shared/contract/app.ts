import { z } from 'zod';
import { channel } from './channel';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const portalProfileSchema = z.strictObject({
  name: z.string().trim().min(1).max(300),
  address: z.string().trim().max(300),
  phone: z.string().trim().max(100),
  fax: z.string().trim().max(100),
  responsible: z.string().trim().max(300),
});
export type PortalProfile = z.infer<typeof portalProfileSchema>;

export const settingsSchema = z.object({ language: z.enum(LANGUAGES) });
export type Settings = z.infer<typeof settingsSchema>;

export const appChannels = {
  'app.info': channel({
    summary: 'Version, schema version, data folder and database file, and which shell runs the core.',
    input: z.strictObject({}),
    output: z.object({
      name: z.string(),
      version: z.string(),
      schemaVersion: z.number().int(),
      dataDir: z.string(),
      databasePath: z.string(),
      shell: z.enum(['electron', 'browser']),
      timeZone: z.string(),
    }),
    errors: [],
  }),
  'settings.get': channel({
    summary: 'The workstation settings (the UI language, remembered across restarts).',
    input: z.strictObject({}),
    output: settingsSchema,
    errors: [],
  }),
  'settings.update': channel({
    summary: 'Changes some settings and returns them all.',
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
    errors: [],
  }),
  'portal.get': channel({
    summary:
      'The portal profile (name, address, phone, fax, person responsible) printed in every page footer; null before set-up.',
    input: z.strictObject({}),
    output: portalProfileSchema.nullable(),
    errors: [],
  }),
  'portal.update': channel({
    summary: 'Sets the portal profile.',
    input: portalProfileSchema,
    output: portalProfileSchema,
    errors: [],
  }),
  'setup.status': channel({
    summary:
      'First run: offerDemo is true while the data folder is empty and the demo was neither loaded nor declined.',
    input: z.strictObject({}),
    output: z.object({ offerDemo: z.boolean(), demoLoaded: z.boolean() }),
    errors: [],
  }),
  'setup.loadDemo': channel({
    summary:
      'Loads the demo portal profile (Giá Rai town portal), its categories and a demo article built from the seed page. Refused (CONFLICT) once the library holds articles.',
    input: z.strictObject({}),
    output: z.object({ articleId: z.number().int().positive(), categories: z.number().int() }),
    errors: ['CONFLICT'],
  }),
  'setup.declineDemo': channel({
    summary: 'Records that the demo was declined, so it is not offered again.',
    input: z.strictObject({}),
    output: z.object({ offerDemo: z.boolean(), demoLoaded: z.boolean() }),
    errors: [],
  }),
} as const;

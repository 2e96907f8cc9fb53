import type { CatalogKey } from './vi';

/** The English catalog: the same keys as shared/i18n/vi.ts, no more, no fewer. */
export const EN: Record<CatalogKey, string> = {
  'notFound.article': 'Article #{id} was not found.',
  'notFound.articleVersion': 'Version {version} of article #{id} was not found.',
  'notFound.category': 'Category #{id} was not found.',
  'notFound.user': 'User #{id} was not found.',
  'notFound.publishTarget': 'Publishing target #{id} was not found.',
  'notFound.publishJob': 'Publishing job #{id} was not found.',

  'validation.required': 'a required value is missing',
  'validation.wrongType': 'wrong type (expected {expected})',
  'validation.tooLong': 'too long (at most {max, plural, one {# character} other {# characters}})',
  'validation.tooManyItems': 'too large (at most {max, plural, one {# item} other {# items}})',
  'validation.tooLarge': 'too large (at most {max})',
  'validation.empty': 'must not be empty',
  'validation.tooShort': 'too small (at least {min, plural, one {# character} other {# characters}})',
  'validation.tooFewItems': 'too small (at least {min, plural, one {# item} other {# items}})',
  'validation.tooSmall': 'too small (at least {min})',
  'validation.format': 'invalid format ({format})',
  'validation.notAllowed': 'value not allowed (expected one of: {values})',
  'validation.unknownFields': '{count, plural, one {unknown field} other {unknown fields}}: {fields}',
  'validation.other': 'invalid value',

  'auth.failed': 'The username or password is wrong.',
  'auth.locked':
    'The account is locked after repeated failed sign-ins; try again in {seconds, plural, one {# second} other {# seconds}}.',
  'auth.sessionEnded':
    'Your session has ended (it expired, was signed out, or the account was disabled or its password changed); sign in again.',
  'auth.signInRequired': 'You need to sign in to do this.',

  'db.corrupt':
    'The database file is corrupt or not a database: {file}. It was left untouched; restore it from a backup.',
  'db.locked': 'The database file is locked by another program: {file}. Close it and try again.',
  'db.readonly': "Cannot write to the database file: {file}. Check the folder's and the file's write permission.",
  'db.newerVersion':
    'The database file {file} was written by a newer Tòa Soạn (schema {version}; this version knows up to {latest}). It was not opened, to keep its data safe; update Tòa Soạn.',
  'db.foreign': "The file {file} is another program's SQLite database, not Tòa Soạn's. It was left untouched.",

  'media.tooLarge': 'The image file "{name}" is too large ({mb} MB); images of at most {max} MB are accepted.',
  'media.tooManyPixels':
    'The image "{name}" has too many pixels; images of at most {megapixels} megapixels are accepted (for an animated image, all frames together).',
  'media.unsupported': 'The file "{name}" is not a JPEG, PNG, WebP or GIF image; only these four formats are accepted.',
  'media.unsupportedDetected':
    'The file "{name}" is not a JPEG, PNG, WebP or GIF image (this file is {detected}); only these four formats are accepted.',
  'media.corrupt':
    'The {format} image "{name}" is damaged or incomplete and cannot be read; export it again and retry.',

  'attachments.tooLarge':
    'The file "{name}" is {mb} MB, over the {max} MB limit for attached documents; nothing was stored. Compress or split the file.',
  'attachments.unsupported':
    'The file "{name}" is not a PDF, Word (DOC, DOCX), Excel (XLS, XLSX) or ODT document; only these are accepted (judged by the content, not the file name).',
  'attachments.unsupportedDetected':
    'The file "{name}" is not a PDF, Word, Excel or ODT document: its content is {detected}, whatever its name says; it was not accepted.',
  'attachments.corrupt':
    'The {kind} file "{name}" is damaged or incomplete and was not accepted; save it again and retry.',
  'attachments.notFound': 'Article #{id} has no attached document #{attachmentId}.',
  'attachments.badOrder': 'The order of attached documents must list each document of the article exactly once.',
  'attachments.tooMany': 'An article has at most {max} attached documents.',

  'backup.refused.notABackup':
    'Not restored from {file}: this is not a Tòa Soạn backup (no manifest at its start). Nothing was replaced.',
  'backup.refused.manifestDamaged': 'Not restored from {file}: its manifest is damaged. Nothing was replaced.',
  'backup.refused.manifestFormat':
    'Not restored from {file}: its manifest is not in the backup format. Nothing was replaced.',
  'backup.refused.newerFormat':
    "Not restored from {file}: it is of backup format {format}, newer than this Tòa Soạn's ({known}); update Tòa Soạn. Nothing was replaced.",
  'backup.refused.foreignDatabase':
    "Not restored from {file}: the database in it is not Tòa Soạn's. Nothing was replaced.",
  'backup.refused.newerSchema':
    'Not restored from {file}: it was written by a newer Tòa Soạn (schema {version}; this version knows up to {latest}); update Tòa Soạn. Nothing was replaced.',
  'backup.refused.strangeFile':
    'Not restored from {file}: its manifest lists a file a backup never holds ({entry}). Nothing was replaced.',
  'backup.refused.noDatabase': 'Not restored from {file}: its manifest lists no database. Nothing was replaced.',
  'backup.refused.unlisted':
    'Not restored from {file}: it holds {entry}, which its manifest does not list. Nothing was replaced.',
  'backup.refused.wrongSize':
    'Not restored from {file}: {entry} is not the size its manifest says (damaged). Nothing was replaced.',
  'backup.refused.wrongHash':
    'Not restored from {file}: {entry} does not match its SHA-256 in the manifest (damaged or altered). Nothing was replaced.',
  'backup.refused.empty': 'Not restored from {file}: the file is empty. Nothing was replaced.',
  'backup.refused.missing':
    'Not restored from {file}: {count, plural, one {# file its manifest lists is} other {# files its manifest lists are}} missing (for example {entry}). Nothing was replaced.',
  'backup.refused.corruptDatabase': 'Not restored from {file}: the database in it is corrupt. Nothing was replaced.',
  'backup.refused.integrity':
    'Not restored from {file}: the database in it fails its integrity check. Nothing was replaced.',
  'backup.refused.schemaMismatch':
    "Not restored from {file}: the database's schema version is newer than this Tòa Soạn's or not the manifest's. Nothing was replaced.",
  'backup.refused.notAnArchive':
    'Not restored from {file}: it is not a valid backup archive ({detail}). Nothing was replaced.',
};

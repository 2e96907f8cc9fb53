import type { z } from 'zod';
import type { CatalogKey } from '../i18n/catalog';
import type { MessageParams } from '../i18n/format';
import { ContractError, fieldIssue, type FieldIssue } from './errors';

type Issue = z.core.$ZodIssue;

/** A zod issue as a message of the catalog (validation.*) and its parameters. */
function describeIssue(issue: Issue): { key: CatalogKey; params?: MessageParams } {
  const isString = 'origin' in issue && issue.origin === 'string';
  const isList = 'origin' in issue && (issue.origin === 'array' || issue.origin === 'set');
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { key: 'validation.required' }
        : { key: 'validation.wrongType', params: { expected: issue.expected } };
    case 'too_big': {
      const max = Number(issue.maximum);
      if (isString) return { key: 'validation.tooLong', params: { max } };
      return { key: isList ? 'validation.tooManyItems' : 'validation.tooLarge', params: { max } };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (isString) return min === 1 ? { key: 'validation.empty' } : { key: 'validation.tooShort', params: { min } };
      return { key: isList ? 'validation.tooFewItems' : 'validation.tooSmall', params: { min } };
    }
    case 'invalid_format':
      return { key: 'validation.format', params: { format: issue.format } };
    case 'invalid_value':
      return { key: 'validation.notAllowed', params: { values: issue.values.map(String).join(', ') } };
    case 'unrecognized_keys':
      return { key: 'validation.unknownFields', params: { fields: issue.keys.join(', '), count: issue.keys.length } };
    default:
      return { key: 'validation.other' };
  }
}

function issuePath(issue: Issue): string {
  return issue.path.map(String).join('.') || '(payload)';
}

/** A zod failure as a VALIDATION error naming every offending field, in both languages. */
export function validationError(error: z.ZodError): ContractError {
  return invalidInput(
    error.issues.map((issue) => {
      const { key, params } = describeIssue(issue);
      return fieldIssue(issuePath(issue), key, params);
    }),
  );
}

/** VALIDATION listing these issues (a check made after the schema's). */
export function invalidInput(issues: FieldIssue[]): ContractError {
  const vi = `Dữ liệu không hợp lệ — ${issues.map((i) => i.message).join('; ')}`;
  const en = `Invalid input — ${issues.map((i) => i.messageEn).join('; ')}`;
  return new ContractError('VALIDATION', vi, en, issues);
}

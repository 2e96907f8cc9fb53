import type { z } from 'zod';
import { ContractError, type FieldIssue } from './errors';

type Issue = z.core.$ZodIssue;

function limitUnit(origin: string | undefined): { vi: string; en: string } {
  if (origin === 'string') return { vi: 'ký tự', en: 'characters' };
  if (origin === 'array' || origin === 'set') return { vi: 'mục', en: 'items' };
  return { vi: '', en: '' };
}

function describeIssue(issue: Issue): { vi: string; en: string } {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { vi: 'thiếu giá trị bắt buộc', en: 'a required value is missing' }
        : { vi: `sai kiểu dữ liệu (cần ${issue.expected})`, en: `wrong type (expected ${issue.expected})` };
    case 'too_big': {
      const unit = limitUnit(issue.origin);
      if (issue.origin === 'string')
        return {
          vi: `quá dài (tối đa ${String(issue.maximum)} ký tự)`,
          en: `too long (at most ${String(issue.maximum)} characters)`,
        };
      return {
        vi: `quá lớn (tối đa ${String(issue.maximum)} ${unit.vi})`.replace(' )', ')'),
        en: `too large (at most ${String(issue.maximum)} ${unit.en})`.replace(' )', ')'),
      };
    }
    case 'too_small': {
      const unit = limitUnit(issue.origin);
      if (issue.origin === 'string' && Number(issue.minimum) === 1)
        return { vi: 'không được để trống', en: 'must not be empty' };
      return {
        vi: `quá nhỏ (tối thiểu ${String(issue.minimum)} ${unit.vi})`.replace(' )', ')'),
        en: `too small (at least ${String(issue.minimum)} ${unit.en})`.replace(' )', ')'),
      };
    }
    case 'invalid_format':
      return { vi: `sai định dạng (${issue.format})`, en: `invalid format (${issue.format})` };
    case 'invalid_value':
      return {
        vi: `giá trị không được phép (chỉ nhận: ${issue.values.map(String).join(', ')})`,
        en: `value not allowed (expected one of: ${issue.values.map(String).join(', ')})`,
      };
    case 'unrecognized_keys':
      return {
        vi: `có trường không được phép: ${issue.keys.join(', ')}`,
        en: `unknown field(s): ${issue.keys.join(', ')}`,
      };
    default:
      return { vi: 'giá trị không hợp lệ', en: 'invalid value' };
  }
}

function issuePath(issue: Issue): string {
  return issue.path.map(String).join('.') || '(payload)';
}

/** A zod failure as a VALIDATION error naming every offending field, in both languages. */
export function validationError(error: z.ZodError): ContractError {
  const issues: FieldIssue[] = error.issues.map((issue) => {
    const text = describeIssue(issue);
    const path = issuePath(issue);
    return { path, message: `${path}: ${text.vi}`, messageEn: `${path}: ${text.en}` };
  });
  const vi = `Dữ liệu không hợp lệ — ${issues.map((i) => i.message).join('; ')}`;
  const en = `Invalid input — ${issues.map((i) => i.messageEn).join('; ')}`;
  return new ContractError('VALIDATION', vi, en, issues);
}

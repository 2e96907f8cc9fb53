import { describe, expect, it } from 'vitest';
import {
  colourToHex,
  FONT_SIZE_MAX_PX,
  FONT_SIZE_MIN_PX,
  fontSizeInPt,
  HEX_COLOUR,
  NAMED_COLOURS,
  ptToPx,
  sanitizeColor,
  sanitizeFontSize,
} from '../../shared/style/css-values';

describe('the named-colour table', () => {
  it('holds the 148 CSS Color 4 names, each as #rrggbb', () => {
    expect(NAMED_COLOURS.size).toBe(148);
    for (const [name, hex] of NAMED_COLOURS) {
      expect(name).toMatch(/^[a-z]+$/);
      expect(hex).toMatch(HEX_COLOUR);
    }
    expect(NAMED_COLOURS.get('rebeccapurple')).toBe('#663399');
  });
});

describe('sanitizeColor (what the renderer writes back)', () => {
  it.each([
    ['#ABC', '#abc'],
    [' #a0b1c2 ', '#a0b1c2'],
    ['DarkRed', 'darkred'],
    ['rgb(1,2,3)', 'rgb(1, 2, 3)'],
    ['rgb(10 20 30 / 50%)', 'rgba(10, 20, 30, 50%)'],
    ['rgba(10, 20, 30, .5)', 'rgba(10, 20, 30, 0.5)'],
    ['rgb(100%, 0%, 50%)', 'rgb(100%, 0%, 50%)'],
  ])('%s → %s', (input, output) => expect(sanitizeColor(input)).toBe(output));

  it.each(['windowtext', 'hsl(0, 100%, 50%)', 'rgb(256, 0, 0)', 'rgb(1, 2%, 3)', 'rgba(1, 2, 3, 2)', '#abcd', 'red;x'])(
    'refuses %s',
    (input) => expect(sanitizeColor(input)).toBeNull(),
  );
});

describe('sanitizeFontSize', () => {
  it('keeps px and turns pt into px within the bounds', () => {
    expect(sanitizeFontSize('18PX')).toBe('18px');
    expect(sanitizeFontSize('12pt')).toBe('16px');
    expect(sanitizeFontSize(`${FONT_SIZE_MIN_PX}px`)).toBe('8px');
    expect(sanitizeFontSize(`${FONT_SIZE_MAX_PX}px`)).toBe('72px');
  });

  it.each(['7px', '73px', '1.5em', '12', 'large'])('refuses %s', (input) => expect(sanitizeFontSize(input)).toBeNull());
});

describe('colourToHex (what a paste carries)', () => {
  it.each([
    ['#ABC', '#aabbcc'],
    ['#abcf', '#aabbcc'],
    ['#11223344', '#112233'],
    ['rgb(255, 0, 128)', '#ff0080'],
    ['rgb(100% 0% 50% / 0.5)', '#ff0080'],
    ['hsl(120, 100%, 25%)', '#008000'],
    ['Navy', '#000080'],
    ['windowtext', '#000000'],
  ])('%s → %s', (input, output) => expect(colourToHex(input)).toBe(output));

  it.each([
    'transparent',
    'inherit',
    'currentcolor',
    'auto',
    '#abc0',
    '#11223300',
    'rgba(1, 2, 3, 0)',
    '#xyz',
    'rgb(1)',
  ])('has no colour for %s', (input) => expect(colourToHex(input)).toBeUndefined());
});

describe('fontSizeInPt and ptToPx', () => {
  it('reads absolute units and keywords', () => {
    expect(fontSizeInPt('12pt', null)).toBe(12);
    expect(fontSizeInPt('16px', null)).toBe(12);
    expect(fontSizeInPt('1in', null)).toBe(72);
    expect(fontSizeInPt('medium', null)).toBe(12);
    expect(fontSizeInPt('2rem', null)).toBe(24);
  });

  it('resolves relative units against the parent, or gives null without one', () => {
    expect(fontSizeInPt('150%', 10)).toBe(15);
    expect(fontSizeInPt('2em', 10)).toBe(20);
    expect(fontSizeInPt('larger', 10)).toBe(12);
    expect(fontSizeInPt('2em', null)).toBeNull();
  });

  it('gives undefined for what is not a size', () => {
    expect(fontSizeInPt('inherit', 12)).toBeUndefined();
    expect(fontSizeInPt('0pt', 12)).toBeUndefined();
  });

  it('rounds to whole px and clamps to 8–72', () => {
    expect(ptToPx(12)).toBe(16);
    expect(ptToPx(11)).toBe(15);
    expect(ptToPx(2)).toBe(FONT_SIZE_MIN_PX);
    expect(ptToPx(200)).toBe(FONT_SIZE_MAX_PX);
  });
});

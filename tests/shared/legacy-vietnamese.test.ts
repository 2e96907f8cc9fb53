import { describe, expect, it } from 'vitest';
import { convertLegacy, detectLegacyEncoding } from '../../shared/text/legacy-vietnamese';

/*
 * The expected side is built independently of the module's tables: the Unicode letter is composed from a base
 * vowel and a tone mark with NFC; the legacy side is written out here, row by row, from the published code
 * tables (TCVN 5712:1993 VN3; VNI-Windows), as literal strings.
 */

const TONES = [
  ['none', ''],
  ['grave', '\u0300'], // huyền
  ['hook', '\u0309'], // hỏi
  ['tilde', '\u0303'], // ngã
  ['acute', '\u0301'], // sắc
  ['dot', '\u0323'], // nặng
] as const;

/** Base vowels, decomposed: a ă â e ê i o ô ơ u ư y. */
const VOWELS: [string, string][] = [
  ['a', 'a'],
  ['ă', 'a\u0306'],
  ['â', 'a\u0302'],
  ['e', 'e'],
  ['ê', 'e\u0302'],
  ['i', 'i'],
  ['o', 'o'],
  ['ô', 'o\u0302'],
  ['ơ', 'o\u031b'],
  ['u', 'u'],
  ['ư', 'u\u031b'],
  ['y', 'y'],
];

const composed = (base: string, tone: string, upper = false): string => {
  const letter = (base + tone).normalize('NFC');
  return upper ? letter.toUpperCase() : letter;
};

/**
 * TCVN3 (VN3), one row per vowel: no tone, grave, hook, tilde, acute, dot — as the Latin-1 characters the bytes
 * arrive as. Written as literal strings (escapes spelled out for the invisible soft hyphen only).
 */
const TCVN3_ROWS: Record<string, string[]> = {
  a: ['a', 'µ', '¶', '·', '¸', '¹'],
  ă: ['¨', '»', '¼', '½', '¾', 'Æ'],
  â: ['©', 'Ç', 'È', 'É', 'Ê', 'Ë'],
  e: ['e', 'Ì', 'Î', 'Ï', 'Ð', 'Ñ'],
  ê: ['ª', 'Ò', 'Ó', 'Ô', 'Õ', 'Ö'],
  i: ['i', '×', 'Ø', 'Ü', 'Ý', 'Þ'],
  o: ['o', 'ß', 'á', 'â', 'ã', 'ä'],
  ô: ['«', 'å', 'æ', 'ç', 'è', 'é'],
  ơ: ['¬', 'ê', 'ë', 'ì', 'í', 'î'],
  u: ['u', 'ï', 'ñ', 'ò', 'ó', 'ô'],
  ư: ['\u00ad', 'õ', 'ö', '÷', 'ø', 'ù'],
  y: ['y', 'ú', 'û', 'ü', 'ý', 'þ'],
};

/** VNI-Windows, lower case: base letter + mark byte (i and ỵ … are single bytes). */
const VNI_LOWER: Record<string, string[]> = {
  a: ['a', 'aø', 'aû', 'aõ', 'aù', 'aï'],
  ă: ['aê', 'aè', 'aú', 'aü', 'aé', 'aë'],
  â: ['aâ', 'aà', 'aå', 'aã', 'aá', 'aä'],
  e: ['e', 'eø', 'eû', 'eõ', 'eù', 'eï'],
  ê: ['eâ', 'eà', 'eå', 'eã', 'eá', 'eä'],
  i: ['i', 'ì', 'æ', 'ó', 'í', 'ò'],
  o: ['o', 'oø', 'oû', 'oõ', 'où', 'oï'],
  ô: ['oâ', 'oà', 'oå', 'oã', 'oá', 'oä'],
  ơ: ['ô', 'ôø', 'ôû', 'ôõ', 'ôù', 'ôï'],
  u: ['u', 'uø', 'uû', 'uõ', 'uù', 'uï'],
  ư: ['ö', 'öø', 'öû', 'öõ', 'öù', 'öï'],
  y: ['y', 'yø', 'yû', 'yõ', 'yù', 'î'],
};

/** VNI-Windows, upper case. */
const VNI_UPPER: Record<string, string[]> = {
  a: ['A', 'AØ', 'AÛ', 'AÕ', 'AÙ', 'AÏ'],
  ă: ['AÊ', 'AÈ', 'AÚ', 'AÜ', 'AÉ', 'AË'],
  â: ['AÂ', 'AÀ', 'AÅ', 'AÃ', 'AÁ', 'AÄ'],
  e: ['E', 'EØ', 'EÛ', 'EÕ', 'EÙ', 'EÏ'],
  ê: ['EÂ', 'EÀ', 'EÅ', 'EÃ', 'EÁ', 'EÄ'],
  i: ['I', 'Ì', 'Æ', 'Ó', 'Í', 'Ò'],
  o: ['O', 'OØ', 'OÛ', 'OÕ', 'OÙ', 'OÏ'],
  ô: ['OÂ', 'OÀ', 'OÅ', 'OÃ', 'OÁ', 'OÄ'],
  ơ: ['Ô', 'ÔØ', 'ÔÛ', 'ÔÕ', 'ÔÙ', 'ÔÏ'],
  u: ['U', 'UØ', 'UÛ', 'UÕ', 'UÙ', 'UÏ'],
  ư: ['Ö', 'ÖØ', 'ÖÛ', 'ÖÕ', 'ÖÙ', 'ÖÏ'],
  y: ['Y', 'YØ', 'YÛ', 'YÕ', 'YÙ', 'Î'],
};

describe('TCVN3 (ABC, .VnTime)', () => {
  for (const [name, base] of VOWELS) {
    it(`converts every tone of ${name}`, () => {
      const row = TCVN3_ROWS[name]!;
      expect(row).toHaveLength(6);
      TONES.forEach(([toneName, tone], index) => {
        const expected = composed(base, tone);
        expect(convertLegacy(row[index]!, 'tcvn3'), `${name} ${toneName}`).toBe(expected);
        // Inside a word, next to ASCII letters, lower case.
        expect(convertLegacy(`th${row[index]}ng`, 'tcvn3')).toBe(`th${expected}ng`);
      });
    });

    it(`gives capitals of ${name} in a capitals word (a capital font, .VnTimeH)`, () => {
      const row = TCVN3_ROWS[name]!;
      TONES.forEach(([toneName, tone], index) => {
        // An untoned plain vowel is ASCII and typed as a capital; the toned codes exist only in lower case.
        const code = /^[a-z]$/.test(row[index]!) ? row[index]!.toUpperCase() : row[index]!;
        expect(convertLegacy(`TH${code}NG`, 'tcvn3'), `${name} ${toneName}`).toBe(`TH${composed(base, tone, true)}NG`);
      });
    });
  }

  it('has the capitals Ă Â Ê Ô Ơ Ư Đ as their own codes, and đ', () => {
    expect(convertLegacy('¡ ¢ £ ¤ ¥ ¦ § ®', 'tcvn3')).toBe('Ă Â Ê Ô Ơ Ư Đ đ');
    expect(convertLegacy('§µ N½ng', 'tcvn3')).toBe('Đà Nẵng');
    expect(convertLegacy('¡n ¤ng', 'tcvn3')).toBe('Ăn Ông');
  });

  it('converts the sample sentences', () => {
    expect(convertLegacy('Phßng Lao ®éng - Th\u00ad¬ng binh vµ X· héi', 'tcvn3')).toBe(
      'Phòng Lao động - Thương binh và Xã hội',
    );
    expect(
      convertLegacy('Ph\u00dfng Lao \u00ae\u00e9ng - Th\u00ad\u00acng binh v\u00b5 X\u00b7 h\u00e9i', 'tcvn3'),
    ).toBe('Phòng Lao động - Thương binh và Xã hội');
    expect(convertLegacy('§éc lËp - Tù do - H¹nh phóc', 'tcvn3')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(convertLegacy('Uû ban nh©n d©n thÞ x· Gi¸ Rai', 'tcvn3')).toBe('Uỷ ban nhân dân thị xã Giá Rai');
    expect(convertLegacy('TiÕng ViÖt', 'tcvn3')).toBe('Tiếng Việt');
  });

  it('upper-cases a capitals line, keeps title case in ordinary text', () => {
    expect(convertLegacy('CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM', 'tcvn3')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(convertLegacy('THUYÕT MINH dù ¸n', 'tcvn3')).toBe('THUYẾT MINH dự án');
    expect(convertLegacy('X· héi\nCéNG HßA X· HéI', 'tcvn3')).toBe('Xã hội\nCỘNG HÒA XÃ HỘI');
    expect(convertLegacy('UBND X· Ia Sao', 'tcvn3')).toBe('UBND Xã Ia Sao');
    expect(convertLegacy('céng hßa x· héi', 'tcvn3', { capitalFont: true })).toBe('CỘNG HÒA XÃ HỘI');
  });

  it('leaves ASCII, digits, punctuation and the codes VN3 does not assign unchanged', () => {
    expect(convertLegacy('Sè: 12/2024/Q§-UBND, 25°C ± 2', 'tcvn3')).toBe('Số: 12/2024/QĐ-UBND, 25°C ± 2');
    expect(convertLegacy('https://giarai.gov.vn/?a=1', 'tcvn3')).toBe('https://giarai.gov.vn/?a=1');
  });

  it('returns NFC', () => {
    const out = convertLegacy('Tr\u00adêng ®¹i häc', 'tcvn3');
    expect(out).toBe('Trường đại học');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('VNI (VNI-Times)', () => {
  for (const [name, base] of VOWELS) {
    it(`converts every tone of ${name}, lower and upper case`, () => {
      const lower = VNI_LOWER[name]!;
      const upper = VNI_UPPER[name]!;
      TONES.forEach(([toneName, tone], index) => {
        expect(convertLegacy(lower[index]!, 'vni'), `${name} ${toneName}`).toBe(composed(base, tone));
        expect(convertLegacy(upper[index]!, 'vni'), `${name.toUpperCase()} ${toneName}`).toBe(
          composed(base, tone, true),
        );
        expect(convertLegacy(`th${lower[index]}ng`, 'vni')).toBe(`th${composed(base, tone)}ng`);
        expect(convertLegacy(`TH${upper[index]}NG`, 'vni')).toBe(`TH${composed(base, tone, true)}NG`);
      });
    });
  }

  it('has đ and Đ', () => {
    expect(convertLegacy('ñ Ñ', 'vni')).toBe('đ Đ');
  });

  it('converts the sample words and sentences', () => {
    expect(convertLegacy('Vieät Nam', 'vni')).toBe('Việt Nam');
    expect(convertLegacy('Phoøng', 'vni')).toBe('Phòng');
    expect(convertLegacy('ñöôøng', 'vni')).toBe('đường');
    expect(convertLegacy('Phoøng Lao ñoäng - Thöông binh vaø Xaõ hoäi', 'vni')).toBe(
      'Phòng Lao động - Thương binh và Xã hội',
    );
    expect(convertLegacy('COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM', 'vni')).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(convertLegacy('Ñoäc laäp - Töï do - Haïnh phuùc', 'vni')).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(convertLegacy('Ñaø Naüng, ngaøy 2 thaùng 9 naêm 2024', 'vni')).toBe('Đà Nẵng, ngày 2 tháng 9 năm 2024');
  });

  it('returns NFC', () => {
    const out = convertLegacy('Tieáng Vieät', 'vni');
    expect(out).toBe('Tiếng Việt');
    expect(out).toBe(out.normalize('NFC'));
  });
});

describe('detectLegacyEncoding', () => {
  it('recognises TCVN3 text', () => {
    expect(detectLegacyEncoding('Phßng Lao ®éng - Th\u00ad¬ng binh vµ X· héi')).toBe('tcvn3');
    expect(detectLegacyEncoding('CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM')).toBe('tcvn3');
    expect(detectLegacyEncoding('§éc lËp - Tù do - H¹nh phóc')).toBe('tcvn3');
    expect(
      detectLegacyEncoding(
        'Ngµy 15/3, Uû ban nh©n d©n thÞ x· Gi¸ Rai tæ chøc héi nghÞ tæng kÕt c«ng t¸c n¨m 2023 vµ triÓn khai nhiÖm vô träng t©m n¨m 2024.',
      ),
    ).toBe('tcvn3');
    expect(detectLegacyEncoding('TiÕng ViÖt')).toBe('tcvn3');
  });

  it('recognises VNI text', () => {
    expect(detectLegacyEncoding('Vieät Nam')).toBe('vni');
    expect(detectLegacyEncoding('Phoøng')).toBe('vni');
    expect(detectLegacyEncoding('ñöôøng')).toBe('vni');
    expect(detectLegacyEncoding('Phoøng Lao ñoäng - Thöông binh vaø Xaõ hoäi')).toBe('vni');
    expect(detectLegacyEncoding('COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM')).toBe('vni');
    expect(
      detectLegacyEncoding(
        'Ngaøy 15/3, UÛy ban nhaân daân thò xaõ Giaù Rai toå chöùc hoäi nghò toång keát coâng taùc naêm 2023 vaø trieån khai nhieäm vuï troïng taâm naêm 2024.',
      ),
    ).toBe('vni');
  });

  it('returns null for plain English', () => {
    expect(detectLegacyEncoding('Hello world')).toBeNull();
    expect(detectLegacyEncoding('The quick brown fox jumps over the lazy dog.')).toBeNull();
    expect(detectLegacyEncoding('Microsoft® Word™ © 2024 — naïve café résumé')).toBeNull();
    expect(detectLegacyEncoding('OK')).toBeNull();
    expect(detectLegacyEncoding('')).toBeNull();
  });

  it('returns null for correct Vietnamese Unicode, also NFD', () => {
    expect(detectLegacyEncoding('Phòng Lao động - Thương binh và Xã hội')).toBeNull();
    expect(detectLegacyEncoding('Cà phê')).toBeNull();
    expect(detectLegacyEncoding('Tie\u0302\u0301ng Vie\u0323\u0302t')).toBeNull();
    expect(detectLegacyEncoding('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeNull();
  });

  it('returns null for French and German', () => {
    expect(
      detectLegacyEncoding(
        "Où est la gare ? Il a goûté à l'été, en août, près de l'aéroport : un café crème, une crêpe et un gâteau. « Très bien », dit Noël, naïf.",
      ),
    ).toBeNull();
    expect(detectLegacyEncoding('Le français est une langue élégante où chaque accent compte.')).toBeNull();
    expect(
      detectLegacyEncoding(
        'Über die Brücke gehen wir schön und müde nach Hause. Grüße aus München, Köln und Düsseldorf!',
      ),
    ).toBeNull();
    expect(detectLegacyEncoding('GRÖSSE STRAßE ÄRGER Öffnungszeiten für Bürger')).toBeNull();
  });

  it('returns null for a URL and for numbers', () => {
    expect(detectLegacyEncoding('https://giarai.gov.vn/tin-tuc/hoi-nghi-tong-ket?id=123&page=2#top')).toBeNull();
    expect(detectLegacyEncoding('1.234.567,89 € — 25°C ± 0,5 — ½ — 3×4 — §12')).toBeNull();
    expect(detectLegacyEncoding('0123 456 789')).toBeNull();
  });
});

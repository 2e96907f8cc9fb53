/**
 * The Vietnamese catalog of the core's messages (errors), keyed by a message key; shared/i18n/en.ts has the same keys
 * (the type checker holds it to that). Parameters and plurals: shared/i18n/format.ts.
 */
export const VI = {
  'notFound.article': 'Không tìm thấy bài viết #{id}.',
  'notFound.articleVersion': 'Không tìm thấy phiên bản {version} của bài viết #{id}.',
  'notFound.category': 'Không tìm thấy chuyên mục #{id}.',
  'notFound.user': 'Không tìm thấy người dùng #{id}.',
  'notFound.publishTarget': 'Không tìm thấy đích xuất bản #{id}.',
  'notFound.publishJob': 'Không tìm thấy lệnh xuất bản #{id}.',

  'validation.required': 'thiếu giá trị bắt buộc',
  'validation.wrongType': 'sai kiểu dữ liệu (cần {expected})',
  'validation.tooLong': 'quá dài (tối đa {max} ký tự)',
  'validation.tooManyItems': 'quá lớn (tối đa {max} mục)',
  'validation.tooLarge': 'quá lớn (tối đa {max})',
  'validation.empty': 'không được để trống',
  'validation.tooShort': 'quá nhỏ (tối thiểu {min} ký tự)',
  'validation.tooFewItems': 'quá nhỏ (tối thiểu {min} mục)',
  'validation.tooSmall': 'quá nhỏ (tối thiểu {min})',
  'validation.format': 'sai định dạng ({format})',
  'validation.notAllowed': 'giá trị không được phép (chỉ nhận: {values})',
  'validation.unknownFields': 'có trường không được phép: {fields}',
  'validation.other': 'giá trị không hợp lệ',

  'auth.failed': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'auth.locked': 'Tài khoản tạm bị khóa vì đăng nhập sai nhiều lần; hãy thử lại sau {seconds} giây.',
  'auth.sessionEnded':
    'Phiên đăng nhập đã kết thúc (hết hạn, đã đăng xuất, hoặc tài khoản đã bị khóa hay đổi mật khẩu); hãy đăng nhập lại.',
  'auth.signInRequired': 'Bạn cần đăng nhập để làm việc này.',

  'db.corrupt':
    'Tệp dữ liệu bị hỏng hoặc không phải cơ sở dữ liệu của Tòa Soạn: {file}. Tệp được giữ nguyên; hãy khôi phục từ bản sao lưu.',
  'db.locked': 'Tệp dữ liệu đang bị một chương trình khác khóa: {file}. Hãy đóng chương trình đó rồi thử lại.',
  'db.readonly': 'Không ghi được vào tệp dữ liệu: {file}. Hãy kiểm tra quyền ghi của thư mục và tệp.',
  'db.newerVersion':
    'Tệp dữ liệu {file} do một phiên bản Tòa Soạn mới hơn tạo ra (lược đồ {version}, bản này hiểu tới {latest}). Tệp không được mở để tránh mất dữ liệu; hãy cập nhật Tòa Soạn.',
  'db.foreign':
    'Tệp {file} là cơ sở dữ liệu SQLite của một chương trình khác, không phải của Tòa Soạn. Tệp được giữ nguyên.',

  'media.tooLarge': 'Tệp ảnh "{name}" quá lớn ({mb} MB); chỉ nhận ảnh tối đa {max} MB.',
  'media.tooManyPixels':
    'Ảnh "{name}" có kích thước điểm ảnh quá lớn; chỉ nhận ảnh tối đa {megapixels} megapixel (ảnh động: tính tổng mọi khung hình).',
  'media.unsupported': 'Tệp "{name}" không phải ảnh JPEG, PNG, WebP hoặc GIF; chỉ nhận bốn định dạng này.',
  'media.unsupportedDetected':
    'Tệp "{name}" không phải ảnh JPEG, PNG, WebP hoặc GIF (tệp này là {detected}); chỉ nhận bốn định dạng này.',
  'media.corrupt':
    'Ảnh {format} "{name}" bị hỏng hoặc không trọn vẹn nên không đọc được; hãy xuất lại ảnh rồi thử lại.',
} as const;

export type CatalogKey = keyof typeof VI;

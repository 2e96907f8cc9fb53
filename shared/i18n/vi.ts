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

  'attachments.tooLarge':
    'Tệp "{name}" nặng {mb} MB, vượt giới hạn {max} MB của văn bản đính kèm; không có gì được lưu. Hãy nén hoặc chia nhỏ tệp.',
  'attachments.unsupported':
    'Tệp "{name}" không phải văn bản PDF, Word (DOC, DOCX), Excel (XLS, XLSX) hoặc ODT; chỉ nhận các loại này (xét theo nội dung, không theo tên tệp).',
  'attachments.unsupportedDetected':
    'Tệp "{name}" không phải văn bản PDF, Word, Excel hoặc ODT: nội dung của tệp là {detected}, dù tên tệp nói gì; tệp không được nhận.',
  'attachments.corrupt': 'Tệp {kind} "{name}" bị hỏng hoặc không trọn vẹn nên không nhận; hãy lưu lại tệp rồi thử lại.',
  'attachments.notFound': 'Bài #{id} không có văn bản đính kèm #{attachmentId}.',
  'attachments.badOrder': 'Thứ tự văn bản đính kèm phải liệt kê mỗi văn bản của bài đúng một lần.',
  'attachments.tooMany': 'Một bài có tối đa {max} văn bản đính kèm.',

  'backup.refused.notABackup':
    'Không khôi phục từ {file}: đây không phải bản sao lưu của Tòa Soạn (thiếu bảng kê ở đầu tệp). Không có gì bị thay thế.',
  'backup.refused.manifestDamaged':
    'Không khôi phục từ {file}: bảng kê của bản sao lưu bị hỏng. Không có gì bị thay thế.',
  'backup.refused.manifestFormat':
    'Không khôi phục từ {file}: bảng kê của bản sao lưu không đúng định dạng. Không có gì bị thay thế.',
  'backup.refused.newerFormat':
    'Không khôi phục từ {file}: bản sao lưu có định dạng {format}, mới hơn bản Tòa Soạn này ({known}); hãy cập nhật Tòa Soạn. Không có gì bị thay thế.',
  'backup.refused.foreignDatabase':
    'Không khôi phục từ {file}: cơ sở dữ liệu trong đó không phải của Tòa Soạn. Không có gì bị thay thế.',
  'backup.refused.newerSchema':
    'Không khôi phục từ {file}: dữ liệu do một phiên bản Tòa Soạn mới hơn tạo ra (lược đồ {version}, bản này hiểu tới {latest}); hãy cập nhật Tòa Soạn. Không có gì bị thay thế.',
  'backup.refused.strangeFile':
    'Không khôi phục từ {file}: bảng kê có một tệp không hợp lệ ({entry}). Không có gì bị thay thế.',
  'backup.refused.noDatabase': 'Không khôi phục từ {file}: bảng kê không có cơ sở dữ liệu. Không có gì bị thay thế.',
  'backup.refused.unlisted':
    'Không khôi phục từ {file}: có tệp {entry} không có trong bảng kê. Không có gì bị thay thế.',
  'backup.refused.wrongSize':
    'Không khôi phục từ {file}: tệp {entry} có kích thước khác bảng kê (tệp bị hỏng). Không có gì bị thay thế.',
  'backup.refused.wrongHash':
    'Không khôi phục từ {file}: tệp {entry} không khớp mã SHA-256 trong bảng kê (tệp bị hỏng hoặc bị sửa). Không có gì bị thay thế.',
  'backup.refused.empty': 'Không khôi phục từ {file}: tệp trống. Không có gì bị thay thế.',
  'backup.refused.missing':
    'Không khôi phục từ {file}: thiếu {count} tệp có trong bảng kê (ví dụ {entry}). Không có gì bị thay thế.',
  'backup.refused.corruptDatabase':
    'Không khôi phục từ {file}: cơ sở dữ liệu trong đó bị hỏng. Không có gì bị thay thế.',
  'backup.refused.integrity':
    'Không khôi phục từ {file}: cơ sở dữ liệu trong đó không qua được kiểm tra toàn vẹn. Không có gì bị thay thế.',
  'backup.refused.schemaMismatch':
    'Không khôi phục từ {file}: phiên bản lược đồ của cơ sở dữ liệu không hợp lệ hoặc mới hơn bản Tòa Soạn này. Không có gì bị thay thế.',
  'backup.refused.notAnArchive':
    'Không khôi phục từ {file}: tệp không đúng định dạng sao lưu ({detail}). Không có gì bị thay thế.',
} as const;

export type CatalogKey = keyof typeof VI;

/**
 * Ranking data for spelling suggestions, written for Tòa Soạn: syllables frequent in official Vietnamese writing
 * (most frequent first) and two-syllable words that come up in it. Used only to choose between dictionary words
 * whose marks are equally close to a misspelt one ('chât' → 'chất', not 'chật', before 'lượng').
 */

export const COMMON_SYLLABLES: readonly string[] = (
  'và của các có là được trong cho với người những một không này đã đến thực hiện công tác năm ' +
  'theo tại về quản lý nhân dân xã hội phát triển kinh tế chính sách nhà nước cán bộ đơn vị địa phương ' +
  'tỉnh huyện thị thành phố ủy ban quyết định nghị thông tư chỉ đạo kế hoạch báo cáo chất lượng ' +
  'tổ chức hoạt động triển khai nhiệm vụ giải pháp đảm bảo an ninh trật tự văn hóa giáo dục đào tạo ' +
  'y tế lao việc làm thu nhập hộ nghèo vốn vay tín dụng ngân hàng đầu đất đai môi trường tài nguyên ' +
  'xây dựng nông thôn mới quy hoạch dự án hồ sơ thủ tục hành cải cách số chuyển đổi ' +
  'kết quả tiếp tục tăng cường nâng cao hiệu lực phối hợp chặt chẽ tuyên truyền phổ biến pháp luật ' +
  'hội nghị sơ tổng trọng điểm chương trình mục tiêu quốc gia giảm bền vững ' +
  'tương ứng nghiệp doanh sản xuất thương mại dịch lượt trên dưới giữa sau trước khi đó cũng ' +
  'đồng chí phó chủ tịch trưởng phòng ban sở bộ trung ương thông báo tin tức bài viết'
).split(' ');

export const COMMON_PAIRS: ReadonlySet<string> = new Set(
  [
    'chất lượng',
    'thông báo',
    'thông tin',
    'thông tư',
    'quy hoạch',
    'quy định',
    'quy mô',
    'quy trình',
    'tương ứng',
    'tương đối',
    'tương tự',
    'tương lai',
    'doanh nghiệp',
    'nông nghiệp',
    'công nghiệp',
    'nghề nghiệp',
    'chuyên nghiệp',
    'sự nghiệp',
    'nghiệp vụ',
    'thực hiện',
    'quyết định',
    'nghị định',
    'kế hoạch',
    'báo cáo',
    'tổ chức',
    'hoạt động',
    'phát triển',
    'kinh tế',
    'xã hội',
    'chính sách',
    'nhà nước',
    'cán bộ',
    'đơn vị',
    'địa phương',
    'nhiệm vụ',
    'giải pháp',
    'đảm bảo',
    'bảo đảm',
    'văn hóa',
    'giáo dục',
    'đào tạo',
    'y tế',
    'lao động',
    'việc làm',
    'thu nhập',
    'tín dụng',
    'ngân hàng',
    'môi trường',
    'tài nguyên',
    'xây dựng',
    'nông thôn',
    'dự án',
    'hồ sơ',
    'thủ tục',
    'hành chính',
    'cải cách',
    'chuyển đổi',
    'kết quả',
    'tiếp tục',
    'tăng cường',
    'nâng cao',
    'hiệu quả',
    'phối hợp',
    'chặt chẽ',
    'tuyên truyền',
    'pháp luật',
    'hội nghị',
    'chương trình',
    'mục tiêu',
    'quốc gia',
    'bền vững',
    'sản xuất',
    'thương mại',
    'dịch vụ',
    'chủ tịch',
    'trưởng phòng',
    'trung ương',
    'tin tức',
    'chất thải',
    'vật chất',
  ].map((pair) => pair.normalize('NFC')),
);

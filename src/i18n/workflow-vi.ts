import type { workflowEn } from './workflow-en.js';

/** Chuỗi của quy trình kiểm tra: hồ sơ quét, xác minh, vòng đời phát hiện, xu hướng, nhật ký, diễn tập (cùng bộ id với workflow-en.ts). */
export const workflowVi: Record<keyof typeof workflowEn, string> = {
  'profile.unknown': 'không có hồ sơ quét "{name}"; các hồ sơ hiện có: {known} (xem bằng "rasoat profiles")',
  'profile.badName': '"{name}" không phải tên hồ sơ hợp lệ: chỉ dùng chữ thường, chữ số, - và _',
  'col.profile': 'Hồ sơ',
  'col.description': 'Mô tả',
  'col.settings': 'Thiết lập',
  'col.result': 'Kết quả',
  'col.fingerprint': 'Mã nhận dạng',

  'verify.nothing': 'không có gì để xác minh: các lần kiểm tra đã nêu không còn lỗi đang mở (rủi ro đã chấp nhận và báo động nhầm được bỏ qua)',
  'verify.noFailure': 'không có phát hiện không đạt nào mang mã "{fingerprint}": hãy sao chép mã từ "rasoat show --json" hoặc "rasoat findings"',
  'verify.ambiguous': '"{fingerprint}" là phần đầu của nhiều mã nhận dạng: hãy nhập dài hơn',
  'verify.header': 'Lần xác minh #{id}: {fixed} đã khắc phục, {still} vẫn còn, {unverified} không xác minh được',
  'verify.fixed': 'đã khắc phục',
  'verify.still-present': 'vẫn còn',
  'verify.could-not-verify': 'không xác minh được',
};

import type { workflowEn } from './workflow-en.js';

/** Chuỗi của quy trình kiểm tra: hồ sơ quét, xác minh, vòng đời phát hiện, xu hướng, nhật ký, diễn tập (cùng bộ id với workflow-en.ts). */
export const workflowVi: Record<keyof typeof workflowEn, string> = {
  'profile.unknown': 'không có hồ sơ quét "{name}"; các hồ sơ hiện có: {known} (xem bằng "rasoat profiles")',
  'profile.badName': '"{name}" không phải tên hồ sơ hợp lệ: chỉ dùng chữ thường, chữ số, - và _',
  'col.profile': 'Hồ sơ',
  'col.description': 'Mô tả',
  'col.settings': 'Thiết lập',
};

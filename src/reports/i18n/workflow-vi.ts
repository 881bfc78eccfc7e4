import type { reportWorkflowEn } from './workflow-en.js';

/** Chuỗi báo cáo của quy trình kiểm tra: phát hiện được loại trừ và xu hướng (cùng bộ id với workflow-en.ts). */
export const reportWorkflowVi: Record<keyof typeof reportWorkflowEn, string> = {
  'summary.suppressed': '{count} lỗi được loại trừ theo quyết định (chấp nhận rủi ro hoặc cảnh báo sai) và không được tính; {expired} chấp nhận rủi ro đã hết hạn và được tính lại.',
  'suppressed.title': 'Phát hiện được loại trừ',
  'suppressed.lead': 'Các lỗi đã được chấp nhận rủi ro (đến một ngày) hoặc xác định là cảnh báo sai, xét tại thời điểm {at}: liệt kê tại đây, không tính vào điểm rủi ro, số lỗi và tình trạng tuân thủ.',
  'suppressed.noneInForce': 'Không có quyết định nào đang có hiệu lực.',
  'suppressed.expiredTitle': 'Chấp nhận rủi ro đã hết hạn',
  'suppressed.expiredLead': 'Việc chấp nhận các lỗi này đã hết hạn trước {at}: chúng được tính lại và liệt kê cùng các lỗi khác.',
  'suppressed.expiredBadge': 'hết hạn chấp nhận {until}',
  'decision.accepted-risk': 'Chấp nhận rủi ro',
  'decision.false-positive': 'Cảnh báo sai',
  'decision.noEnd': 'không thời hạn',
  'col.decision': 'Quyết định',
  'col.decisionReason': 'Lý do',
  'col.decidedBy': 'Người quyết định',
  'col.until': 'Hiệu lực đến',
  'col.suppressed': 'Loại trừ',
  'reason.suppressed': '{count} lỗi được loại trừ theo quyết định (chấp nhận rủi ro hoặc cảnh báo sai), không tính: xem mục Phát hiện được loại trừ',

  'trend.title': 'Xu hướng qua các lần rà soát cùng phạm vi',
  'trend.lead': 'Lần rà soát này và {count} lần trước trên cùng các mục tiêu, tính theo cùng các quyết định (phát hiện được loại trừ không tính ở mọi lần).',
  'trend.chartTitle': 'Số lỗi theo mức độ và xếp hạng qua từng lần rà soát',
  'trend.chartDesc': 'Số lỗi (nghiêm trọng/cao/trung bình/thấp) và xếp hạng của từng lần: {points}.',
  'trend.overall': 'Toàn bộ mục tiêu',
  'trend.agency': 'Cơ quan: {agency}',
};

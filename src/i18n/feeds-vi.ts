import type { feedsEn } from './feeds-en.js';

/** Chuỗi của nguồn dữ liệu ngoại tuyến: nhập và trạng thái (cùng bộ id với feeds-en.ts). */
export const feedsVi: Record<keyof typeof feedsEn, string> = {
  'feeds.invalid': '{detail}: không phải nguồn dữ liệu {type} hợp lệ; hãy dùng tệp đúng như khi phát hành, hoặc chỉ rõ định dạng bằng --type',
  'feeds.badJson': 'không phải JSON hợp lệ ({detail}): tệp bị hỏng hoặc bị cắt cụt; hãy sao chép lại',
  'feeds.emptyFile': 'tệp rỗng: hãy sao chép lại nguồn dữ liệu',
  'feeds.unknown': 'không xác định được đây là nguồn dữ liệu nào: hãy chỉ rõ định dạng bằng --type kev|osv|retirejs|endoflife|endoflife-releases',
  'feeds.notFound': 'không có tệp hoặc thư mục này: hãy kiểm tra đường dẫn',
  'feeds.unreadable': 'không đọc được ({detail}): hãy kiểm tra đường dẫn và quyền truy cập',
  'feeds.noFeeds': 'không tìm thấy nguồn dữ liệu nào ở đây (tệp *.json, *.yaml, *.yml, *.md có định dạng rasoat đọc được): hãy kiểm tra thư mục',
  'feeds.badZip': 'không phải tệp nén zip đọc được ({detail}): hãy sao chép lại',
  'feeds.entryTooLarge': 'mục {entry} trong tệp nén giải nén ra hơn {limit} MB: hãy kiểm tra đây có đúng là tệp nén OSV',
  'feeds.skipped': 'bỏ qua {file}: không phải nguồn dữ liệu rasoat đọc được',
  'feeds.imported': '{type}  {name}: {records} bản ghi trong {seconds} giây ({rate} bản ghi/giây)',
  'feeds.none': 'chưa nhập nguồn dữ liệu nào vào {path}: hãy nhập bằng "rasoat feeds import TỆP..."',
  'feeds.stale': 'LỖI THỜI',
  'feeds.staleSummary': '{count} nguồn dữ liệu đã quá hạn: hãy nhập bản mới hơn bằng "rasoat feeds import"',
  'col.source': 'Nguồn',
  'col.name': 'Tên',
  'col.version': 'Phiên bản',
  'col.dataDate': 'Ngày dữ liệu',
  'col.imported': 'Ngày nhập',
  'col.records': 'Bản ghi',
  'col.age': 'Tuổi (ngày)',
};

import type { storeEn } from './store-en.js';

/** Chuỗi của lịch sử PostgreSQL và các lệnh db (cùng bộ id với store-en.ts). */
export const storeVi: Record<keyof typeof storeEn, string> = {
  'store.pg.unreachable': 'không kết nối được máy chủ PostgreSQL của {path} ({detail}): hãy khởi động máy chủ, hoặc sửa máy và cổng trong URL (hoặc PGHOST, PGPORT)',
  'store.pg.auth': 'máy chủ PostgreSQL từ chối đăng nhập vào {path} ({detail}): hãy kiểm tra tên người dùng, và cung cấp mật khẩu qua PGPASSWORD hoặc ~/.pgpass',
  'store.pg.noDatabase': 'cơ sở dữ liệu của {path} không tồn tại trên máy chủ: hãy tạo trước (createdb, hoặc CREATE DATABASE) hoặc sửa tên trong URL',
  'store.pg.denied': 'người dùng PostgreSQL của {path} thiếu quyền ({detail}): hãy cấp quyền (ví dụ GRANT CREATE ON SCHEMA public), hoặc kết nối bằng chủ sở hữu cơ sở dữ liệu',
  'store.pg.notRasoat': '{path} có bảng nhưng không phải lịch sử rà soát của rasoat; rasoat sẽ không động vào. Hãy nêu URL của một cơ sở dữ liệu trống hoặc của lịch sử rasoat',
  'store.pg.unavailable': 'máy chủ PostgreSQL của {path} hiện không nhận việc ({detail}): hãy thử lại khi máy chủ hoạt động trở lại',
  'store.pg.failed': 'máy chủ PostgreSQL của {path} báo lỗi: {detail}',
  'store.pg.badUrl': '{path} không phải URL PostgreSQL dùng được ({detail}): hãy viết dạng postgres://người-dùng@máy:5432/cơ-sở-dữ-liệu, hoặc postgresql://người-dùng@/cơ-sở-dữ-liệu?host=/run/postgresql cho Unix socket',
  'drill.lockedShared': 'đợt diễn tập "{drill}" đang chạy trên {path} (tiến trình {pid} tại {machine}); hãy chờ nó xong: khóa được giải phóng khi tiến trình đó kết thúc',
  'drill.passwordInUrl': 'URL --db chứa mật khẩu, sẽ bị ghi rõ vào dòng crontab hoặc unit systemd: hãy bỏ mật khẩu khỏi URL và cung cấp qua PGPASSWORD (trong môi trường của tác vụ), ~/.pgpass của người dùng chạy tác vụ, hoặc mục db trong tệp cấu hình',

  'db.migrate.applied': 'Đã áp dụng {count} bước nâng cấp lược đồ cho {path}: {names}',
  'db.migrate.current': '{path} đã ở lược đồ mới nhất ({count} bước nâng cấp đã áp dụng).',
  'db.copy.same': '--from và --to chỉ cùng một lịch sử ({path}): hãy nêu hai vị trí khác nhau',
  'db.copy.progress': 'lần rà soát {done}/{total} {uuid}: {status}',
  'db.copy.copied': 'đã sao chép',
  'db.copy.present': 'đã có, bỏ qua',
  'db.copy.summary': 'Đã sao chép {copied} lần rà soát từ {from} sang {to}, bỏ qua {skipped} lần đã có; {rows} dòng, {feeds} nguồn dữ liệu, {trail} bản ghi nhật ký kiểm toán trong {seconds} giây.',
};

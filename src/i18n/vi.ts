import type { MessageId } from './en.js';
import { tuiVi } from './tui-vi.js';
import { workflowVi } from './workflow-vi.js';
import { clusterVi } from './cluster-vi.js';
import { feedsVi } from './feeds-vi.js';
import { storeVi } from './store-vi.js';

/** Thông điệp tiếng Việt: cùng bộ id với en.ts (kiểu dữ liệu bắt buộc đủ, không thừa, không thiếu). */
export const vi: Record<MessageId, string> = {
  'error.internal': 'lỗi nội bộ: {detail}. Đây là lỗi của rasoat {version}; vui lòng báo lỗi kèm lệnh ({command}) và dòng này.',

  'target.empty': 'có một mục tiêu rỗng: hãy xóa mục rỗng đó',
  'target.invalid': '"{input}" không phải mục tiêu hợp lệ: hãy nhập địa chỉ IP, dải CIDR (10.0.0.0/24), dải địa chỉ (10.0.0.1-50), tên máy hoặc URL http(s)',
  'target.badScheme': '"{input}": chỉ URL http:// và https:// được dùng làm mục tiêu; với dịch vụ khác hãy nhập tên máy hoặc địa chỉ',
  'target.urlCredentials': '"{input}": hãy bỏ tên đăng nhập và mật khẩu khỏi URL; không ghi thông tin xác thực vào danh sách mục tiêu',
  'target.badCidr': '"{input}": độ dài tiền tố phải từ 0 đến 32 với IPv4, hoặc từ 0 đến 128 với IPv6',
  'target.badRange': '"{input}": điểm cuối của dải nhỏ hơn điểm đầu; hãy viết địa chỉ nhỏ hơn trước',
  'target.tooLarge': '{input} gồm {count} địa chỉ, vượt mức {limit} cho phép mặc định (một /16); hãy kiểm tra tiền tố, hoặc thêm --allow-large nếu đúng ý bạn',
  'target.enormous': '{input} gồm {count} địa chỉ, vượt mức rasoat có thể liệt kê ({limit}); hãy chia thành các dải nhỏ hơn',
  'target.none': 'chưa có mục tiêu: hãy nhập ít nhất một địa chỉ, dải, tên máy hoặc URL, hoặc dùng --targets TỆP',

  'file.yamlSyntax': 'lỗi cú pháp YAML: {detail}',
  'file.unreadable': 'không đọc được {file} ({detail}): hãy kiểm tra đường dẫn và quyền truy cập',
  'file.invalid': '{detail}',
  'file.noTargets': 'tệp mục tiêu không có mục tiêu nào: hãy thêm vào mục "targets:" hoặc trong một nhóm',

  'scope.port': 'cổng {port} của {host} bị loại khỏi lần rà soát này (--exclude-ports)',
  'scope.excluded': '{host} ({address}) bị loại khỏi lần rà soát này',
  'scope.host': '{host} nằm ngoài phạm vi lần rà soát này: chỉ được tác động tới các mục tiêu đã nêu',

  'ports.udp': '"{spec}": chưa hỗ trợ quét UDP; hãy nhập cổng TCP',
  'ports.outOfRange': '"{spec}": số cổng phải từ 1 đến 65535',
  'ports.reversed': '"{spec}": điểm cuối của dải cổng nhỏ hơn điểm đầu',
  'ports.invalid': '"{spec}" không phải cổng, dải cổng (1-1024) hay tên dịch vụ đã biết',
  'ports.topTooMany': '--top-ports {value}: rasoat xếp hạng 1000 cổng phổ biến nhất; muốn nhiều hơn hãy dùng -p (-p- quét cả 65535 cổng)',

  'scanner.unknown': 'không có bộ quét "{id}"; các bộ quét hiện có: {known}',
  'scanner.needs': 'bộ quét "{id}" cần kết quả của "{needs}", nhưng --skip đã bỏ bộ quét đó',
  'scanner.none': 'không còn bộ quét nào để chạy: hãy kiểm tra --only và --skip',

  'rules.invalid': '{detail}',
  'rules.count': '{count} quy tắc (phiên bản bộ quy tắc {version})',
  'rules.lintOk': '{count} quy tắc trong {files} tệp: không có lỗi',
  'rules.lintFailed': 'có {count} lỗi trong các tệp quy tắc',

  'store.isDirectory': '{path} là thư mục, không phải tệp cơ sở dữ liệu: hãy nêu tên tệp bằng --db',
  'store.missing': 'chưa có lịch sử rà soát tại {path}: hãy chạy quét trước, hoặc trỏ --db tới lịch sử đã có',
  'store.cannotOpen': 'không mở được lịch sử rà soát {path}: {detail}. Hãy kiểm tra đường dẫn và quyền, hoặc chọn tệp khác bằng --db',
  'store.notRasoat': '{path} là cơ sở dữ liệu SQLite nhưng không phải lịch sử rà soát của rasoat; rasoat sẽ không động vào. Hãy chọn tệp khác bằng --db',
  'store.notDatabase': '{path} không phải lịch sử rà soát đọc được (không phải SQLite, hoặc bị hỏng); rasoat chưa thay đổi tệp này. Hãy chuyển tệp đi chỗ khác hoặc chọn tệp khác bằng --db',
  'store.newerSchema': '{path} được ghi bởi phiên bản rasoat mới hơn (lược đồ {migration}); hãy nâng cấp rasoat để đọc',
  'store.needsMigration': '{path} được ghi bởi phiên bản rasoat cũ hơn; hãy chạy rasoat db migrate (hoặc một lệnh có ghi, như quét) một lần để nâng cấp',
  'store.readOnly': 'lịch sử rà soát {path} chỉ cho phép đọc: hãy cấp quyền ghi cho rasoat, hoặc chọn tệp khác bằng --db',
  'store.busy': 'lịch sử rà soát {path} đang bị tiến trình khác khóa: hãy đợi tiến trình đó xong rồi thử lại',
  'store.full': 'ổ đĩa chứa {path} đã đầy: hãy giải phóng dung lượng; kết quả đã ghi vẫn được giữ',

  'audit.badRef': '"{ref}" không chỉ một lần rà soát: hãy dùng số thứ tự, latest, latest~1, hoặc phần đầu uuid',
  'audit.notFound': 'không có lần rà soát "{ref}" trong {path}: xem danh sách bằng "rasoat audits"',
  'audit.ambiguous': '"{ref}" khớp với nhiều lần rà soát: hãy nhập thêm ký tự của uuid, hoặc dùng số thứ tự',

  'cli.badLang': '--lang {value}: hãy chọn vi hoặc en',
  'cli.badNumber': '{flag} {value}: hãy nhập số nguyên không nhỏ hơn {min}',
  'cli.badResolve': '--resolve {value}: hãy viết TÊN:ĐỊA_CHỈ, ví dụ portal.example.gov.vn:10.0.0.5',
  'cli.badRuleParam': '--rule-param {value}: hãy viết QUY_TẮC.THAM_SỐ=GIÁ_TRỊ, ví dụ tls.certificate.expiring-soon.days=60',
  'cli.badNmapPath': '--nmap-path {value}: không có tệp chạy được ở đó; hãy chỉ đường dẫn tới nmap, hoặc dùng --no-nmap để quét không cần nmap',
  'cli.badStarttls': '--starttls {value}: hãy viết GIAO_THỨC:CỔNG, ví dụ smtp:2525 (giao thức: smtp, imap, pop3, ftp, ldap, postgres)',
  'tls.caFileEmpty': '{file} không chứa chứng thư PEM nào (-----BEGIN CERTIFICATE-----): hãy cung cấp chứng thư CA dạng PEM',
  'tls.caFileBad': '{file}: chứng thư thứ {index} không phải chứng thư X.509 hợp lệ; hãy sửa hoặc bỏ nó',

  'scan.authorizationRequired': 'cấu hình này bắt buộc mỗi lần rà soát phải có số văn bản phê duyệt: dùng --authorization "SỐ" hoặc khai báo authorization: trong tệp mục tiêu',
  'scan.noAuthorization': 'lưu ý: chưa ghi nhận số văn bản phê duyệt (--authorization); chỉ quét các hệ thống bạn đã được phê duyệt kiểm tra',
  'scan.starting': 'lần rà soát #{id}: {hosts} máy, bộ quét: {scanners}, {rules} quy tắc',
  'scan.stopping': 'đang dừng: hoàn tất các thao tác đang dở và giữ lại kết quả (nhấn Ctrl-C lần nữa để thoát ngay)',
  'scan.forceQuit': 'thoát ngay; kết quả đã ghi vẫn được giữ và lần rà soát sẽ hiện là bị gián đoạn',
  'scan.hostUnreachable': 'rasoat: {host}: {reason}; không đánh giá được gì về máy này (dùng -Pn để quét máy chặn gói thăm dò)',
  'scan.done': 'Lần rà soát #{id} hoàn tất trong {elapsed}: {hosts} máy ({up} hoạt động, {down} không phản hồi), {ports} cổng mở',
  'scan.doneInterrupted': 'Lần rà soát #{id} BỊ GIÁN ĐOẠN sau {elapsed}: đã xong {hosts} máy ({up} hoạt động, {down} không phản hồi), giữ lại {ports} cổng mở',
  'scan.findings': 'Không đạt: {counts}  (chưa đánh giá: {notAssessed}, lỗi: {errors})',
  'scan.more': '... và {count} mục khác',
  'scan.next': 'Chi tiết: rasoat show {id}    So sánh: rasoat diff <lần-trước> {id}',

  'progress.line': '[{bar}] {percent}% {done}/{total} máy, {rate} lượt thăm dò/giây, còn {eta}',
  'progress.paused': '(tạm dừng)',

  'audits.none': 'Chưa có lần rà soát nào trong {path}. Bắt đầu bằng: rasoat scan <mục-tiêu>',

  'show.header': 'Lần rà soát #{id}: {status}, từ {started} đến {ended}',
  'show.who': 'Người rà soát: {auditor} trên {machine}; văn bản phê duyệt: {authorization}',
  'show.noAuthorization': 'chưa ghi nhận',
  'show.scope': 'Mục tiêu: {targets}; bộ quét: {scanners}; bộ quy tắc {rules}',
  'show.hosts': 'Máy: {up} hoạt động trên tổng {total}',
  'show.up': 'hoạt động',
  'show.down': 'không phản hồi',
  'show.failures': 'Không đạt: {count}',
  'show.otherOutcomes': 'Kết luận khác: {summary}',

  'diff.header': 'Lần #{before} so với #{after}: {new} mới, {fixed} đã khắc phục, {unchanged} vẫn còn, {notRechecked} chưa kiểm tra lại',
  'diff.new': 'Mới',
  'diff.fixed': 'Đã khắc phục',
  'diff.unchanged': 'Vẫn còn',
  'diff.notRechecked': 'Chưa kiểm tra lại (lần sau không kiểm tra các mục này)',

  'rejudge.done': 'Đã đánh giá lại lần rà soát #{id} với {rules} quy tắc: {new} không đạt mới, {gone} không còn, {unchanged} giữ nguyên',

  'col.started': 'Bắt đầu',
  'col.status': 'Trạng thái',
  'col.hostsUp': 'Máy hoạt động',
  'col.failures': 'NT/C/TB/T',
  'col.targets': 'Mục tiêu',
  'col.authorization': 'Văn bản phê duyệt',
  'col.host': 'Máy',
  'col.state': 'Trạng thái',
  'col.agency': 'Cơ quan',
  'col.openPorts': 'Cổng mở',
  'col.severity': 'Mức độ',
  'col.port': 'Cổng',
  'col.finding': 'Phát hiện',
  'col.rule': 'Quy tắc',
  'col.outcome': 'Kết luận',
  'col.check': 'Nội dung kiểm tra',
  'col.reason': 'Lý do',
  'col.category': 'Nhóm',

  'status.running': 'đang chạy',
  'status.complete': 'hoàn tất',
  'status.interrupted': 'bị gián đoạn',
  'status.failed': 'thất bại',

  'severity.critical': 'NGHIÊM TRỌNG',
  'severity.high': 'CAO',
  'severity.medium': 'TRUNG BÌNH',
  'severity.low': 'THẤP',
  'severity.info': 'THÔNG TIN',

  'outcome.fail': 'không đạt',
  'outcome.pass': 'đạt',
  'outcome.not-applicable': 'không áp dụng',
  'outcome.not-assessed': 'chưa đánh giá',
  'outcome.error': 'lỗi',

  ...tuiVi,
  ...workflowVi,
  ...feedsVi,
  ...clusterVi,
  ...storeVi,
};

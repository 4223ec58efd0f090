"""Sample Vietnamese texts of the demo network, written for this project (no copied text).

Every place, person and figure here is invented. `{unit}` is the unit's name
(e.g. "Huyện Tam Giang"), `{short}` its name without the level word, `{org}`
its party committee (e.g. "Huyện ủy Tam Giang"), `{area}` the level word in
lower case (tỉnh, huyện, xã).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SampleArticle:
    section: str  # slug of the section it belongs to (see SECTIONS)
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    quote: tuple[str, str] | None = None  # (text, who said it)
    featured: bool = False
    scene: str = "meeting_hall"  # the kind of picture drawn for it (sites.demo_scenes)


# (slug, title, parent slug or None for a top-level section)
SECTIONS = [
    ("tin-tuc-su-kien", "Tin tức - Sự kiện", None),
    ("tin-dia-phuong", "Tin trong {area}", "tin-tuc-su-kien"),
    ("hoat-dong-thuong-truc", "Hoạt động của Thường trực", "tin-dia-phuong"),
    ("kinh-te-xa-hoi", "Kinh tế - Xã hội", "tin-tuc-su-kien"),
    ("xay-dung-dang", "Xây dựng Đảng", None),
    ("to-chuc-can-bo", "Tổ chức - Cán bộ", "xay-dung-dang"),
    ("kiem-tra-giam-sat", "Kiểm tra - Giám sát", "xay-dung-dang"),
    ("dan-van", "Dân vận - Mặt trận", None),
]

ARTICLES = [
    SampleArticle(
        "hoat-dong-thuong-truc",
        "Thường trực {org} làm việc với các cơ sở về tiến độ xây dựng nông thôn mới",
        "Đoàn công tác đã kiểm tra thực địa tại các thôn, ghi nhận kết quả bước đầu và chỉ ra "
        "những tiêu chí còn chậm để tập trung tháo gỡ trong quý tới.",
        (
            "Sáng thứ Ba, Thường trực {org} đã có buổi làm việc với cấp ủy, chính quyền các cơ sở "
            "về tiến độ thực hiện chương trình xây dựng nông thôn mới. Báo cáo tại buổi làm việc "
            "cho thấy phần lớn các tiêu chí về giao thông, thủy lợi và trường học đã đạt yêu cầu.",
            "Bên cạnh kết quả đạt được, các tiêu chí về thu nhập bình quân và môi trường vẫn còn "
            "khó khăn. Một số tuyến đường liên thôn xuống cấp sau mùa mưa, việc thu gom rác thải "
            "ở khu dân cư xa trung tâm chưa thường xuyên.",
            "Kết luận buổi làm việc, đồng chí Bí thư đề nghị các cơ sở rà soát từng tiêu chí, "
            "phân công cụ thể người phụ trách, huy động sức dân theo phương châm "
            "\u201cdân biết, dân bàn, dân làm, dân kiểm tra, dân giám sát, dân thụ hưởng\u201d.",
        ),
        quote=(
            "Nông thôn mới không dừng ở con đường hay ngôi trường, mà là đời sống của người dân "
            "phải khá lên từng năm.",
            "Bí thư {org}",
        ),
        featured=True,
        scene="road_bridge",
    ),
    SampleArticle(
        "hoat-dong-thuong-truc",
        "Thường trực {org} tiếp công dân định kỳ tháng này",
        "Các ý kiến tập trung vào đất đai, chế độ chính sách và vệ sinh môi trường; nhiều "
        "trường hợp được giải đáp ngay tại buổi tiếp.",
        (
            "Theo lịch định kỳ, Thường trực {org} đã tiếp công dân tại trụ sở Ban Tiếp công dân. "
            "Tham dự có đại diện Ủy ban Kiểm tra, Ban Dân vận và các phòng chuyên môn liên quan.",
            "Buổi tiếp đã lắng nghe ý kiến của các hộ dân về việc cấp giấy chứng nhận quyền sử "
            "dụng đất, đền bù giải phóng mặt bằng tuyến đường mới và chế độ đối với người có công.",
            "Với những nội dung đủ căn cứ, đồng chí chủ trì giao cơ quan chuyên môn trả lời bằng "
            "văn bản trong thời hạn quy định; các nội dung phức tạp được giao kiểm tra, xác minh "
            "và báo cáo kết quả trước ngày 30 của tháng.",
        ),
        scene="meeting_hall",
    ),
    SampleArticle(
        "tin-dia-phuong",
        "{unit} ra quân chiến dịch thanh niên tình nguyện hè",
        "Hàng trăm đoàn viên, thanh niên tham gia sửa đường, dọn vệ sinh kênh mương và dạy học "
        "miễn phí cho trẻ em trong dịp hè.",
        (
            "Sáng Chủ nhật, tại sân văn hóa trung tâm, Đoàn Thanh niên {unit} tổ chức lễ ra quân "
            "chiến dịch thanh niên tình nguyện hè với chủ đề "
            "\u201cTuổi trẻ xung kích vì cộng đồng\u201d.",
            "Ngay sau lễ ra quân, các đội hình tình nguyện đã tỏa về các thôn, bản để nạo vét "
            "kênh mương nội đồng, phát quang đường giao thông và trồng cây xanh ở khuôn viên "
            "trường học.",
            "Trong thời gian chiến dịch, các lớp học hè miễn phí cũng được mở tại nhà văn hóa "
            "thôn, giúp học sinh ôn tập kiến thức và rèn kỹ năng bơi an toàn.",
        ),
        featured=True,
        scene="volunteers",
    ),
    SampleArticle(
        "tin-dia-phuong",
        "Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư {short}",
        "Ngày hội diễn ra trong không khí ấm cúng với nhiều hoạt động văn hóa, thể thao và "
        "biểu dương các gia đình tiêu biểu.",
        (
            "Hướng tới kỷ niệm ngày truyền thống Mặt trận Tổ quốc Việt Nam, khu dân cư trung tâm "
            "{unit} đã tổ chức Ngày hội Đại đoàn kết toàn dân tộc.",
            "Ban Công tác Mặt trận báo cáo trong năm qua, bà con đã góp tiền và ngày công để bê "
            "tông hóa gần hai cây số đường ngõ xóm, lắp đặt đèn chiếu sáng và xây dựng mô hình "
            "\u201cKhu dân cư an toàn\u201d.",
            "Dịp này, nhiều hộ gia đình tiêu biểu trong phong trào phát triển kinh tế, nuôi dạy "
            "con tốt được biểu dương, khen thưởng.",
        ),
        scene="flag_ceremony",
    ),
    SampleArticle(
        "kinh-te-xa-hoi",
        "{unit} đẩy mạnh chuyển đổi số trong giải quyết thủ tục hành chính",
        "Tỷ lệ hồ sơ nộp trực tuyến tăng rõ rệt nhờ các tổ công nghệ số cộng đồng trực tiếp "
        "hướng dẫn người dân.",
        (
            "Thời gian qua, {unit} đã thành lập tổ công nghệ số cộng đồng ở tất cả các thôn, khu "
            "phố. Các thành viên là đoàn viên thanh niên, công an viên và cán bộ thôn.",
            "Tại bộ phận một cửa, người dân được hướng dẫn tạo tài khoản định danh điện tử và "
            "nộp hồ sơ qua Cổng Dịch vụ công. Nhiều thủ tục như đăng ký khai sinh, chứng thực "
            "bản sao đã được trả kết quả trong ngày.",
            "Trong thời gian tới, địa phương tiếp tục rà soát, số hóa hồ sơ lưu trữ và tăng cường "
            "thanh toán không dùng tiền mặt trong giải quyết thủ tục hành chính.",
        ),
        featured=True,
        scene="classroom",
    ),
    SampleArticle(
        "kinh-te-xa-hoi",
        "Nông dân {short} được mùa lúa vụ xuân",
        "Năng suất bình quân ước đạt hơn 62 tạ mỗi héc-ta, cao hơn vụ trước nhờ dùng giống mới "
        "và áp dụng cơ giới hóa.",
        (
            "Những ngày này, trên các cánh đồng của {unit}, bà con nông dân đang khẩn trương thu "
            "hoạch lúa vụ xuân. Máy gặt đập liên hợp được huy động tối đa để kịp thu hoạch trước "
            "mưa.",
            "Theo cán bộ khuyến nông, vụ này địa phương đưa vào sản xuất các giống lúa chất lượng "
            "cao, gieo cấy tập trung theo khung lịch thời vụ, nhờ đó sâu bệnh được kiểm soát tốt.",
            "Sau thu hoạch, bà con được khuyến cáo không đốt rơm rạ ngoài đồng mà thu gom làm "
            "thức ăn cho gia súc hoặc ủ phân hữu cơ.",
        ),
        scene="rice_fields",
    ),
    SampleArticle(
        "kinh-te-xa-hoi",
        "Hỗ trợ xây nhà đại đoàn kết cho hộ khó khăn tại {short}",
        "Mỗi căn nhà được hỗ trợ kinh phí từ Quỹ Vì người nghèo cùng ngày công của bà con lối xóm.",
        (
            "Ủy ban Mặt trận Tổ quốc {unit} vừa phối hợp với các đoàn thể khởi công xây dựng nhà "
            "đại đoàn kết cho các hộ có hoàn cảnh khó khăn về nhà ở.",
            "Ngoài kinh phí từ Quỹ Vì người nghèo, các chi hội đoàn thể và bà con lối xóm đã góp "
            "hàng trăm ngày công vận chuyển vật liệu, san nền và dựng khung nhà.",
            "Các căn nhà dự kiến hoàn thành trước mùa mưa bão, giúp các gia đình yên tâm ổn định "
            "cuộc sống.",
        ),
        scene="new_houses",
    ),
    SampleArticle(
        "to-chuc-can-bo",
        "{org} trao Huy hiệu Đảng cho các đảng viên cao tuổi đảng",
        "Buổi lễ được tổ chức trang trọng nhân dịp kỷ niệm ngày thành lập Đảng Cộng sản Việt Nam.",
        (
            "Trong không khí cả nước kỷ niệm ngày thành lập Đảng, {org} đã tổ chức lễ trao Huy "
            "hiệu Đảng cho các đồng chí đảng viên đủ tuổi đảng.",
            "Thay mặt cấp ủy, đồng chí Phó Bí thư chúc mừng các đồng chí được nhận Huy hiệu, "
            "mong các đồng chí tiếp tục giữ gìn phẩm chất, là tấm gương cho thế hệ trẻ noi theo.",
            "Phát biểu tại buổi lễ, đại diện các đảng viên bày tỏ niềm vinh dự, hứa tiếp tục tham "
            "gia sinh hoạt chi bộ đầy đủ và đóng góp ý kiến xây dựng quê hương.",
        ),
        quote=(
            "Tuổi cao nhưng chí không già; còn sức khỏe, chúng tôi còn góp ý kiến với chi bộ.",
            "Một đảng viên được trao Huy hiệu",
        ),
        scene="meeting_hall",
    ),
    SampleArticle(
        "to-chuc-can-bo",
        "Bồi dưỡng lý luận chính trị cho đảng viên mới",
        "Khóa học giúp học viên nắm vững những nội dung cơ bản về Đảng và nhiệm vụ của người "
        "đảng viên.",
        (
            "Trung tâm Chính trị phối hợp với Ban Tổ chức {org} khai giảng lớp bồi dưỡng lý luận "
            "chính trị dành cho đảng viên mới.",
            "Trong thời gian học tập, học viên được nghiên cứu các chuyên đề về lịch sử Đảng, "
            "Điều lệ Đảng, nhiệm vụ của đảng viên và công tác xây dựng chi bộ.",
            "Kết thúc khóa học, học viên viết bài thu hoạch liên hệ với nhiệm vụ được giao tại "
            "chi bộ nơi mình sinh hoạt.",
        ),
        scene="classroom",
    ),
    SampleArticle(
        "kiem-tra-giam-sat",
        "Ủy ban Kiểm tra {org} triển khai chương trình giám sát chuyên đề",
        "Nội dung giám sát tập trung vào việc thực hiện quy chế làm việc và công tác quản lý "
        "tài chính ở các chi bộ.",
        (
            "Ủy ban Kiểm tra {org} vừa triển khai chương trình giám sát chuyên đề năm nay đối với "
            "một số tổ chức đảng và đảng viên.",
            "Đoàn giám sát sẽ làm việc trực tiếp với từng chi bộ, xem xét hồ sơ, sổ sách và nghe "
            "báo cáo về việc thực hiện quy chế làm việc, chế độ sinh hoạt và thu, nộp đảng phí.",
            "Qua giám sát, những cách làm hay sẽ được nhân rộng; hạn chế được chỉ ra để kịp thời "
            "khắc phục, không để vi phạm kéo dài.",
        ),
        scene="meeting_hall",
    ),
    SampleArticle(
        "dan-van",
        "Phát huy vai trò \u201cdân vận khéo\u201d trong giải phóng mặt bằng",
        "Nhờ kiên trì vận động, nhiều hộ dân đã tự nguyện hiến đất, tháo dỡ công trình để mở "
        "rộng tuyến đường trung tâm.",
        (
            "Để mở rộng tuyến đường trung tâm của {unit}, cán bộ dân vận đã đến từng hộ giải "
            "thích lợi ích của công trình và lắng nghe nguyện vọng của bà con.",
            "Những hộ có hoàn cảnh khó khăn được hỗ trợ ngày công dựng lại cổng, tường rào. Các "
            "đảng viên, người có uy tín trong thôn đi đầu trong việc hiến đất.",
            "Đến nay, mặt bằng đã được bàn giao đúng tiến độ; mô hình được Ban Dân vận đề nghị "
            "biểu dương và nhân rộng.",
        ),
        featured=True,
        scene="road_bridge",
    ),
    SampleArticle(
        "dan-van",
        "Hội nghị đối thoại giữa người đứng đầu cấp ủy với Nhân dân",
        "Hơn hai mươi ý kiến về giao thông, nước sạch và việc làm cho thanh niên được nêu và "
        "trả lời trực tiếp.",
        (
            "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền {unit} với Nhân dân được "
            "tổ chức tại hội trường trung tâm, với sự tham dự của đại diện các thôn, khu phố.",
            "Nhiều ý kiến đề nghị sớm sửa chữa đường liên thôn, mở rộng mạng lưới nước sạch và "
            "tổ chức các lớp đào tạo nghề ngắn hạn cho thanh niên.",
            "Các nội dung đều được trả lời thẳng thắn; những việc thuộc thẩm quyền được giao cơ "
            "quan chuyên môn giải quyết với thời hạn cụ thể.",
        ),
        scene="meeting_hall",
    ),
]


@dataclass(frozen=True)
class SampleDocument:
    doc_type: str  # a DocumentType value
    symbol: str  # the type's abbreviation in the number, e.g. "TB"
    abstract: str
    field: str
    body: tuple[str, ...]
    effective_after_days: int | None = None


DOCUMENTS = [
    SampleDocument(
        "thong-bao",
        "TB",
        "Kết luận của Thường trực về tình hình thực hiện nhiệm vụ 6 tháng đầu năm",
        "Xây dựng Đảng",
        (
            "Sáu tháng đầu năm, các cấp ủy đã bám sát nghị quyết, triển khai đồng bộ các nhiệm vụ "
            "chính trị; kinh tế tiếp tục tăng trưởng, an sinh xã hội được bảo đảm.",
            "Thường trực yêu cầu các cơ quan, đơn vị tập trung hoàn thành các chỉ tiêu còn đạt "
            "thấp, đẩy nhanh giải ngân vốn đầu tư công và chuẩn bị tốt cho mùa mưa bão.",
        ),
    ),
    SampleDocument(
        "nghi-quyet",
        "NQ",
        "Nghị quyết về phát triển kinh tế nông nghiệp theo hướng hàng hóa giai đoạn 2025 - 2030",
        "Kinh tế",
        (
            "Mục tiêu: hình thành các vùng sản xuất tập trung, ứng dụng công nghệ cao, liên kết "
            "với doanh nghiệp trong tiêu thụ sản phẩm.",
            "Giải pháp: quy hoạch vùng sản xuất, hỗ trợ giống mới, đào tạo nông dân và phát triển "
            "hợp tác xã kiểu mới.",
        ),
        effective_after_days=0,
    ),
    SampleDocument(
        "ke-hoach",
        "KH",
        "Kế hoạch tổ chức các hoạt động kỷ niệm ngày thành lập Đảng bộ",
        "Tuyên giáo",
        (
            "Tổ chức các hoạt động kỷ niệm trang trọng, thiết thực, tiết kiệm; gắn với tuyên "
            "truyền truyền thống cách mạng của địa phương.",
            "Các cơ quan, đơn vị xây dựng kế hoạch cụ thể và báo cáo kết quả về Văn phòng cấp ủy.",
        ),
    ),
    SampleDocument(
        "bao-cao",
        "BC",
        "Báo cáo kết quả công tác dân vận năm",
        "Dân vận",
        (
            "Công tác dân vận của hệ thống chính trị có nhiều chuyển biến; phong trào thi đua "
            "\u201cDân vận khéo\u201d được triển khai sâu rộng với nhiều mô hình hiệu quả.",
            "Hạn chế: một số nơi việc nắm bắt tâm trạng, nguyện vọng của Nhân dân chưa kịp thời.",
        ),
    ),
    SampleDocument(
        "chi-thi",
        "CT",
        "Chỉ thị về tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
        "Quốc phòng - An ninh",
        (
            "Các cấp ủy, chính quyền chủ động rà soát phương án ứng phó, bố trí lực lượng, "
            "phương tiện tại các khu vực xung yếu.",
            "Tổ chức trực ban nghiêm túc trong mùa mưa bão, kịp thời sơ tán người dân khỏi vùng "
            "nguy hiểm.",
        ),
        effective_after_days=0,
    ),
    SampleDocument(
        "huong-dan",
        "HD",
        "Hướng dẫn tổ chức sinh hoạt chi bộ theo chuyên đề",
        "Xây dựng Đảng",
        (
            "Mỗi quý, chi bộ tổ chức ít nhất một buổi sinh hoạt chuyên đề; nội dung gắn với nhiệm "
            "vụ chính trị và những vấn đề đảng viên quan tâm.",
            "Chi ủy chuẩn bị chuyên đề trước ít nhất một tuần và gửi để đảng viên nghiên cứu.",
        ),
    ),
    SampleDocument(
        "quyet-dinh",
        "QĐ",
        "Quyết định thành lập Ban Chỉ đạo chuyển đổi số",
        "Chuyển đổi số",
        (
            "Thành lập Ban Chỉ đạo chuyển đổi số gồm các đồng chí có tên trong danh sách kèm theo.",
            "Ban Chỉ đạo có nhiệm vụ chỉ đạo, đôn đốc việc ứng dụng công nghệ số trong hoạt động "
            "của các cơ quan trong hệ thống chính trị.",
        ),
        effective_after_days=0,
    ),
    SampleDocument(
        "ket-luan",
        "KL",
        "Kết luận về công tác cán bộ và bảo vệ chính trị nội bộ",
        "Tổ chức - Cán bộ",
        (
            "Công tác cán bộ được thực hiện đúng nguyên tắc, quy trình; việc quy hoạch, đào tạo "
            "cán bộ trẻ được quan tâm.",
            "Tiếp tục kiện toàn cán bộ các chi bộ thôn, khu phố trong năm.",
        ),
    ),
]

# Fictional leaders: (name, position)
LEADERS = [
    ("Nguyễn Văn An", "Bí thư"),
    ("Trần Thị Bình", "Phó Bí thư Thường trực"),
    ("Lê Minh Cường", "Phó Bí thư, Chủ tịch Ủy ban nhân dân"),
]
SIGNERS = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Cường"]

SLOGANS = [
    "Đảng Cộng sản Việt Nam quang vinh muôn năm!",
    "Chung sức xây dựng nông thôn mới, đô thị văn minh",
]

FUNCTIONS = (
    "<p>{org} là cơ quan lãnh đạo của Đảng bộ giữa hai kỳ đại hội; lãnh đạo thực hiện nghị "
    "quyết đại hội, các chỉ thị, nghị quyết của cấp trên.</p>"
    "<p>Cổng thông tin điện tử của {unit} đăng tải tin tức, văn bản và thông tin hoạt động "
    "của cấp ủy, chính quyền và các đoàn thể (nội dung mẫu).</p>"
)
ENGLISH_INTRODUCTION = (
    "<p>This is the web portal of {english}, a unit of the sample network. It publishes news, "
    "official documents and contact information. All content here is sample content.</p>"
)


# Campaign banners of the home page: (title, link).
CAMPAIGNS = [
    (
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "https://dangcongsan.vn/hoc-tap-va-lam-theo-tu-tuong-dao-duc-phong-cach-ho-chi-minh",
    ),
    (
        "Bảo vệ nền tảng tư tưởng của Đảng",
        "https://dangcongsan.vn/bao-ve-nen-tang-tu-tuong-cua-dang",
    ),
    ("Chuyển đổi số", "https://dangcongsan.vn/chuyen-doi-so"),
]


# The caption of an article's picture, by the kind of scene drawn for it.
SCENE_CAPTIONS = {
    "meeting_hall": "Quang cảnh hội nghị tại {unit} (ảnh minh họa).",
    "rice_fields": "Cánh đồng lúa của {unit} (ảnh minh họa).",
    "road_bridge": "Tuyến đường và cây cầu mới của {unit} (ảnh minh họa).",
    "classroom": "Một buổi học tập trung tại {unit} (ảnh minh họa).",
    "health_station": "Trạm y tế tại {unit} (ảnh minh họa).",
    "flag_ceremony": "Lễ chào cờ tại {unit} (ảnh minh họa).",
    "volunteers": "Đoàn viên thanh niên {short} trồng cây (ảnh minh họa).",
    "new_houses": "Những ngôi nhà đại đoàn kết mới ở {unit} (ảnh minh họa).",
}

ALBUM_TITLE = "Một ngày làm việc của hệ thống chính trị {unit}"
ALBUM_LEAD = (
    "Từ lễ chào cờ đầu tuần đến buổi ra quân trồng cây của đoàn viên thanh niên: những "
    "hoạt động thường ngày của cấp ủy, chính quyền và các đoàn thể {unit} (ảnh minh họa)."
)
# (scene kind, caption) of the album's photos, in order.
ALBUM_PHOTOS = [
    ("flag_ceremony", "Cán bộ, công chức {unit} dự lễ chào cờ đầu tuần."),
    ("meeting_hall", "Hội nghị giao ban của {org}."),
    ("health_station", "Người dân đến khám bệnh tại trạm y tế."),
    ("volunteers", "Đoàn viên thanh niên trồng cây xanh dọc tuyến đê."),
    ("rice_fields", "Bà con nông dân chăm sóc lúa vụ mới."),
    ("road_bridge", "Tuyến đường liên thôn vừa hoàn thành."),
]

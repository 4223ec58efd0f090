"""Citizen feedback: sending, tracking, answering, publishing, abuse, privacy; no leaks."""

from __future__ import annotations

import re
import socket
import time

import pytest
from django.core import mail
from django_tenants.utils import schema_context

from portal.feedback import spam
from portal.feedback.models import Feedback, FeedbackStatus
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

CODE = re.compile(r"GY-[2-9A-Z]{5}-[2-9A-Z]{5}")


def form_data(**overrides):
    data = {
        "kind": "phan-anh",
        "sender_name": "Nguyễn Văn Dân",
        "sender_email": "dan@example.vn",
        "sender_phone": "0912345678",
        "sender_address": "Thôn 3",
        "subject": "Đèn đường hỏng",
        "message": "Đèn đường thôn 3 hỏng đã một tuần.",
        "website": "",
        "started": spam.start_token(time.time() - 30),
    }
    data.update(overrides)
    return data


def send(network, unit_key, **overrides):
    return client_for(network, unit_key).post("/gop-y/", form_data(**overrides))


def stored(network, unit_key):
    with schema_context(network.units[unit_key].schema_name):
        return list(Feedback.objects.order_by("pk"))


def test_the_form_is_on_every_portal_and_linked_from_the_footer(network):
    for key in ("district_a", "district_b"):
        home = client_for(network, key).get("/")
        assert 'href="/gop-y/"' in home.content.decode()
        form = client_for(network, key).get("/gop-y/")
        assert form.status_code == 200
        assert 'name="website"' in form.content.decode()  # the honeypot
        assert 'name="started"' in form.content.decode()


def test_citizen_gets_a_code_and_reads_the_answer_only_on_their_unit(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = send(network, "district_a")
    assert response.status_code == 302
    code = CODE.search(response["Location"]).group(0)
    [feedback] = stored(network, "district_a")
    assert feedback.tracking_code == code and feedback.status == FeedbackStatus.NEW
    assert stored(network, "district_b") == []

    citizen = client_for(network, "district_a")
    page = citizen.get(response["Location"]).content.decode()
    assert code in page and "Chờ xử lý" in page
    assert (
        "Nguyễn Văn Dân" not in page and "0912345678" not in page
    )  # the code holder sees no contacts
    assert client_for(network, "district_b").get(f"/gop-y/tra-cuu/{code}/").status_code == 404
    assert citizen.get("/gop-y/tra-cuu/", {"code": code.lower()})["Location"].endswith(f"/{code}/")

    editor = client_for(network, "district_a", network.users["district_a_editor"])
    answered = editor.post(
        f"/admin/gop-y/{feedback.pk}/",
        {
            "status": "answered",
            "answer": "Đã thay bóng đèn ngày 20/7.",
            "is_published": "on",
            "public_question": "Đèn đường thôn 3 hỏng.",
        },
    )
    assert answered.status_code == 302
    page = citizen.get(f"/gop-y/tra-cuu/{code}/").content.decode()
    assert "Đã trả lời" in page and "Đã thay bóng đèn ngày 20/7." in page

    published = citizen.get("/gop-y/hoi-dap/").content.decode()
    assert "Đèn đường thôn 3 hỏng." in published and "Đã thay bóng đèn" in published
    assert "Nguyễn Văn Dân" not in published and "dan@example.vn" not in published
    assert (
        "Đã thay bóng đèn"
        not in client_for(network, "district_b").get("/gop-y/hoi-dap/").content.decode()
    )


def test_an_answer_is_needed_before_publishing(network):
    send(network, "district_a")
    [feedback] = stored(network, "district_a")
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    response = editor.post(
        f"/admin/gop-y/{feedback.pk}/", {"status": "new", "answer": "", "is_published": "on"}
    )
    assert response.status_code == 200
    assert "Chỉ công khai được góp ý đã trả lời." in response.content.decode()
    assert not stored(network, "district_a")[0].is_published


def test_a_flood_gets_429_and_never_fills_the_queue(network, settings):
    settings.PORTAL_FEEDBACK_SENDER_LIMIT = (3, 600)
    statuses = [send(network, "district_a", subject=f"Thư {n}").status_code for n in range(6)]
    assert statuses == [302, 302, 302, 429, 429, 429]
    assert len(stored(network, "district_a")) == 3
    # Another sender address is not blocked by the first one's flood.
    other = client_for(network, "district_a").post("/gop-y/", form_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_behind_a_proxy_the_forwarded_address_is_limited(network, settings):
    settings.PORTAL_FEEDBACK_SENDER_LIMIT = (1, 600)
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    citizen = client_for(network, "district_a")
    assert citizen.post("/gop-y/", form_data(), HTTP_X_REAL_IP="203.0.113.5").status_code == 302
    assert citizen.post("/gop-y/", form_data(), HTTP_X_REAL_IP="203.0.113.5").status_code == 429
    assert citizen.post("/gop-y/", form_data(), HTTP_X_REAL_IP="203.0.113.6").status_code == 302


def test_the_unit_limit_caps_a_distributed_flood(network, settings):
    settings.PORTAL_FEEDBACK_UNIT_LIMIT = (2, 3600)
    statuses = [
        client_for(network, "district_b")
        .post("/gop-y/", form_data(), REMOTE_ADDR=f"10.1.0.{n}")
        .status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 429, 429]
    assert len(stored(network, "district_b")) == 2
    assert send(network, "district_a").status_code == 302  # each unit has its own cap


def test_honeypot_and_hurried_forms_are_refused_and_keep_what_was_typed(network):
    trapped = send(network, "district_a", website="http://spam.example")
    assert trapped.status_code == 400
    hurried = send(network, "district_a", started=spam.start_token(time.time()))
    assert hurried.status_code == 400
    body = hurried.content.decode()
    assert "quá nhanh" in body and "Đèn đường thôn 3 hỏng đã một tuần." in body
    forged = send(network, "district_a", started="not-a-token")
    assert forged.status_code == 400 and "Biểu mẫu không hợp lệ" in forged.content.decode()
    assert stored(network, "district_a") == []


def test_missing_contact_is_a_clear_error(network):
    response = send(network, "district_a", sender_email="", sender_phone="")
    assert response.status_code == 400
    assert "thư điện tử hoặc số điện thoại" in response.content.decode()
    assert stored(network, "district_a") == []


def test_payloads_are_shown_as_text(network):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    response = send(network, "district_a", subject=attack, message=attack, sender_name=attack)
    code = CODE.search(response["Location"]).group(0)
    page = client_for(network, "district_a").get(f"/gop-y/tra-cuu/{code}/").content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    [feedback] = stored(network, "district_a")
    editor = client_for(network, "district_a", network.users["district_a_editor"])
    admin_page = editor.get(f"/admin/gop-y/{feedback.pk}/").content.decode()
    assert "<script>alert" not in admin_page and "&lt;img src=x" in admin_page


def test_senders_are_seen_only_by_the_units_own_editors(network):
    send(network, "district_a")
    [feedback] = stored(network, "district_a")
    url = f"/admin/gop-y/{feedback.pk}/"
    for user_key in ("district_a_editor", "district_a_admin"):
        page = client_for(network, "district_a", network.users[user_key]).get(url).content.decode()
        assert "Nguyễn Văn Dân" in page and "0912345678" in page
    network_admin = client_for(network, "district_a", network.users["network_admin"]).get(url)
    assert network_admin.status_code == 200
    assert "Nguyễn Văn Dân" not in network_admin.content.decode()
    assert "0912345678" not in network_admin.content.decode()
    contributor = client_for(network, "district_a", network.users["district_a_contributor"]).get(
        url
    )
    assert contributor.status_code == 302 and contributor["Location"] == "/admin/"  # refused
    other_unit = client_for(network, "district_b", network.users["district_b_editor"])
    assert other_unit.get(url).status_code == 404  # district_b's queue has no such row
    assert "Nguyễn Văn Dân" not in other_unit.get("/admin/gop-y/").content.decode()
    assert (
        client_for(network, "district_a", network.users["district_b_editor"]).get(url).status_code
        == 403
    )


def test_notification_goes_to_the_units_editors_after_the_row_is_stored(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(network, "district_a")
    [message] = mail.outbox
    assert (
        "district_a-editor@example.vn" in message.to and "district_a-admin@example.vn" in message.to
    )
    assert not any("district_b" in address for address in message.to)
    assert stored(network, "district_a")[0].notified


def test_a_failing_mail_server_loses_no_submission(
    network, settings, django_capture_on_commit_callbacks
):
    with socket.socket() as probe:  # a port nothing listens on: connections are refused
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port, 2
    with django_capture_on_commit_callbacks(execute=True):
        response = send(network, "district_a")
    assert response.status_code == 302
    [feedback] = stored(network, "district_a")
    assert feedback.tracking_code in response["Location"] and not feedback.notified


def test_feedback_under_an_article_names_it(network):
    from tests.sites.factories import publish_article

    with schema_context(network.units["district_a"].schema_name):
        article = publish_article("Tin về đường làng")
        url = article.url
    page = client_for(network, "district_a").get(url).content.decode()
    assert f"/gop-y/?trang={article.pk}" in page
    form = client_for(network, "district_a").get(f"/gop-y/?trang={article.pk}").content.decode()
    assert "Tin về đường làng" in form and f'name="trang" value="{article.pk}"' in form
    assert send(network, "district_a", trang=str(article.pk)).status_code == 302
    assert send(network, "district_a", trang="999999").status_code == 302  # unknown: no page
    assert send(network, "district_b", trang=str(article.pk)).status_code == 302
    first, second = stored(network, "district_a")
    assert (first.page_id, first.page_title) == (article.pk, "Tin về đường làng")
    assert (second.page_id, second.page_title) == (None, "")
    [elsewhere] = stored(network, "district_b")
    assert elsewhere.page_title != "Tin về đường làng"  # district_b has no such article

"""Proposals upward: a commune offers an article, its district accepts or declines."""

import pytest
from django_tenants.utils import schema_context
from wagtail.models import ModelLogEntry

from portal.accounts import roles
from portal.syndication import flows
from portal.syndication.models import Appearance, Proposal, ProposalStatus
from tests.conftest import client_for

from .conftest import assert_refused, news_html, page_of, publish

pytestmark = pytest.mark.django_db


def _propose_through_admin(network, editor, row, note="Đề nghị đăng"):
    client = client_for(network, "commune_a", editor)
    response = client.post("/admin/lien-thong/de-xuat/", {"publication": row.pk, "note": note})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Proposal.objects.get(publication=row)


def test_accepted_proposal_appears_on_the_parent_credited_with_canonical_link(network, editor_of):
    row = publish(network, "commune_a", "Xã Đồng Tâm khánh thành cầu", "khanh-thanh-cau")
    proposal = _propose_through_admin(network, editor_of("commune_a"), row)
    assert (proposal.from_unit_id, proposal.to_unit_id) == (
        network.units["commune_a"].pk,
        network.units["district_a"].pk,
    )
    assert "Xã Đồng Tâm khánh thành cầu" not in news_html(network, "district_a")

    district = client_for(network, "district_a", network.users["district_a_editor"])
    queue = district.get("/admin/lien-thong/de-xuat-tu-co-so/").content.decode()
    assert "Xã Đồng Tâm khánh thành cầu" in queue and "Đề nghị đăng" in queue
    response = district.post(
        f"/admin/lien-thong/de-xuat-tu-co-so/{proposal.pk}/",
        {"action": "accept", "section_slug": "tin-tuc-su-kien"},
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED

    section = news_html(network, "district_a")
    assert "Xã Đồng Tâm khánh thành cầu" in section
    assert network.units["commune_a"].name in section
    appearance = Appearance.objects.get(proposal=proposal)
    page = client_for(network, "district_a").get(f"/lien-thong/{appearance.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<link rel="canonical" href="{row.url}">' in html
    assert "Nguồn: Xã Đồng Tâm" in html
    # Only the district shows it: not its sibling district, not the province.
    assert "Xã Đồng Tâm khánh thành cầu" not in news_html(network, "district_b")
    assert "Xã Đồng Tâm khánh thành cầu" not in news_html(network, "province")
    assert client_for(network, "district_b").get(f"/lien-thong/{appearance.pk}/").status_code == 404

    # The commune sees the outcome; both units' audit logs hold their act.
    outbox = client_for(network, "commune_a", editor_of("commune_a")).get(
        "/admin/lien-thong/de-xuat/"
    )
    assert "Đã tiếp nhận" in outbox.content.decode()
    with schema_context(network.units["commune_a"].schema_name):
        assert ModelLogEntry.objects.filter(action="portal_syndication.propose").count() == 1
    with schema_context(network.units["district_a"].schema_name):
        assert ModelLogEntry.objects.filter(action="portal_syndication.accept").count() == 1
    history = client_for(network, "district_a", network.users["network_admin"])
    report = history.get("/admin/reports/site-history/")
    assert report.status_code == 200 and "Tiếp nhận tin đề xuất" in report.content.decode()


def test_edits_and_takedown_of_the_original_travel_to_the_parent(network, editor_of):
    row = publish(network, "commune_a", "Tin gốc", "tin-goc")
    commune = network.unit("commune_a")
    district = network.unit("district_a")
    with schema_context(commune.schema_name):
        proposal = flows.propose(commune, editor_of("commune_a"), row)
    with schema_context(district.schema_name):
        appearance = flows.accept(
            district, network.users["district_a_editor"], proposal, "tin-tuc-su-kien"
        )
    with schema_context(commune.schema_name):
        article = page_of(row)
        article.title = "Tin gốc đã sửa"
        article.save_revision().publish()
    html = news_html(network, "district_a")
    assert "Tin gốc đã sửa" in html
    with schema_context(commune.schema_name):
        page_of(row).delete()
    assert "Tin gốc đã sửa" not in news_html(network, "district_a")
    assert client_for(network, "district_a").get(f"/lien-thong/{appearance.pk}/").status_code == 404


def test_declined_proposal_shows_its_reason_to_the_commune(network, editor_of):
    row = publish(network, "commune_a", "Tin bị từ chối", "tin-tu-choi")
    proposal = _propose_through_admin(network, editor_of("commune_a"), row)
    district = client_for(network, "district_a", network.users["district_a_editor"])
    url = f"/admin/lien-thong/de-xuat-tu-co-so/{proposal.pk}/"
    empty = district.post(url, {"action": "decline", "reason": ""})
    assert empty.status_code == 200 and "This field is required" not in empty.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.PENDING
    district.post(url, {"action": "decline", "reason": "Ảnh chưa đạt yêu cầu."})
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DECLINED
    outbox = client_for(network, "commune_a", editor_of("commune_a")).get(
        "/admin/lien-thong/de-xuat/"
    )
    assert "Ảnh chưa đạt yêu cầu." in outbox.content.decode()
    assert "Tin bị từ chối" not in news_html(network, "district_a")


def test_only_editors_of_the_right_unit_act(network, editor_of):
    row = publish(network, "commune_a", "Tin xã", "tin-xa")
    commune, district_a = network.unit("commune_a"), network.unit("district_a")
    contributor = editor_of("commune_a", roles.CONTRIBUTOR)
    response = client_for(network, "commune_a", contributor).post(
        "/admin/lien-thong/de-xuat/", {"publication": row.pk}
    )
    assert_refused(response)
    assert not Proposal.objects.filter(publication=row).exists()
    # Another unit's editor cannot propose this commune's article from their own unit.
    with (
        schema_context(network.units["commune_b"].schema_name),
        pytest.raises(flows.SyndicationError),
    ):
        flows.propose(network.unit("commune_b"), editor_of("commune_b"), row)

    with schema_context(commune.schema_name):
        proposal = flows.propose(commune, editor_of("commune_a"), row)
        with pytest.raises(flows.SyndicationError):
            flows.propose(commune, editor_of("commune_a"), row)  # twice
    # The other district neither sees nor decides it.
    other = client_for(network, "district_b", network.users["district_b_editor"])
    assert "Tin xã" not in other.get("/admin/lien-thong/de-xuat-tu-co-so/").content.decode()
    assert other.get(f"/admin/lien-thong/de-xuat-tu-co-so/{proposal.pk}/").status_code == 404
    with (
        schema_context(network.units["district_b"].schema_name),
        pytest.raises(flows.SyndicationError),
    ):
        flows.accept(
            network.unit("district_b"),
            network.users["district_b_editor"],
            proposal,
            "tin-tuc-su-kien",
        )
    contributor_a = client_for(network, "district_a", network.users["district_a_contributor"])
    assert_refused(contributor_a.get("/admin/lien-thong/de-xuat-tu-co-so/"))
    with schema_context(district_a.schema_name):
        flows.accept(district_a, network.users["district_a_editor"], proposal, "tin-tuc-su-kien")
        with pytest.raises(flows.SyndicationError):
            flows.decline(district_a, network.users["district_a_editor"], proposal, "muộn")


def test_a_withdrawn_article_cannot_be_proposed_or_accepted(network, editor_of):
    row = publish(network, "commune_a", "Tin sẽ gỡ", "tin-se-go")
    commune, district = network.unit("commune_a"), network.unit("district_a")
    with schema_context(commune.schema_name):
        proposal = flows.propose(commune, editor_of("commune_a"), row)
        page_of(row).unpublish()
        with pytest.raises(flows.SyndicationError):
            flows.propose(commune, editor_of("commune_a"), row)
    with schema_context(district.schema_name), pytest.raises(flows.SyndicationError):
        flows.accept(district, network.users["district_a_editor"], proposal, "tin-tuc-su-kien")

"""casework.kernel.search_index: the lists' search finds exactly what a substring (LIKE) search finds, through a
bigram index the kernel keeps current, for the cases the user may see."""

import random

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Q
from django.urls import reverse

from casework.inspection.models import Complaint
from casework.inspection.selectors import COMPLAINT_LIST
from casework.kernel import search_index
from casework.kernel.lists import CaseFilters
from casework.models import SearchText, SearchToken
from tests.factories import EmployerFactory, PersonFactory

pytestmark = pytest.mark.django_db

ALPHABET = "张建筑有限公司湘西吉首劳监投〔〕号aB1-"
NAMES = ["张家界建筑有限公司", "湘西建工集团有限公司", "吉首张记饭店", "ab建筑-1", "有限公司张", "西湘公司"]


def like_search(q: str) -> set[int]:
    """The list's search as it was: a substring of the number, the name given or registered; exactly a whole
    credit code or the complainant's name."""
    condition = (
        Q(number__icontains=q)
        | Q(employer_name_given__icontains=q)
        | Q(employer__name__icontains=q)
        | Q(employer__credit_code=q)
        | Q(complainant__name=q)
    )
    return set(Complaint.objects.filter(condition).values_list("pk", flat=True))


def found(user, q: str) -> set[int]:
    return set(COMPLAINT_LIST.cases(user, CaseFilters(q=q)).values_list("pk", flat=True))


@pytest.fixture
def seeded(register):
    rng = random.Random(22)
    employers = [EmployerFactory(name=name) for name in NAMES]
    cases = []
    for i in range(24):
        employer = employers[i % len(employers)] if i % 5 else None
        given = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 8)))
        cases.append(register(employer=employer, employer_name_given=given))
    return cases


def queries(rng: random.Random, texts: list[str], n: int) -> list[str]:
    """Random strings over the seeded alphabet (1–5 characters) and random substrings of the seeded texts."""
    out = []
    for _ in range(n):
        if rng.random() < 0.5:
            out.append("".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 5))))
        else:
            text = rng.choice(texts)
            start = rng.randrange(len(text))
            out.append(text[start : start + rng.randint(1, 6)])
    return [q for q in out if q.strip() == q and q]


@pytest.mark.parametrize("common", [search_index.COMMON, 2], ids=["collected", "walked"])
def test_the_indexed_search_finds_what_a_substring_search_finds(seeded, staff, monkeypatch, common):
    monkeypatch.setattr(search_index, "COMMON", common)
    monkeypatch.setattr(search_index, "SAMPLE", 4)
    texts = (
        [c.number for c in seeded] + NAMES + [c.employer_name_given for c in seeded if c.employer_name_given]
    )
    director = staff["director"]
    checked = 0
    for q in [*queries(random.Random(7), texts, 250), "张", "建筑", "有限公司", "公司张", "1", "B", "b"]:
        assert found(director, q) == like_search(q), q
        checked += 1
    assert checked > 200


def test_a_whole_credit_code_and_a_complainants_whole_name_are_still_found_exactly(register, staff):
    employer = EmployerFactory(name="某某商贸")
    person = PersonFactory(name="彭小红")
    case = register(employer=employer, complainant=person)
    director = staff["director"]
    assert found(director, employer.credit_code) == {case.pk}
    assert found(director, "彭小红") == {case.pk}
    assert found(director, "小红") == set()  # a person's name is matched whole only, as before


def test_a_search_finds_only_cases_the_user_may_see(register, staff, luxi):
    employer = EmployerFactory(name="张氏建筑有限公司")
    here = register(employer=employer)
    there = register(actor=staff["luxi_inspector"], jurisdiction=luxi, employer=employer)
    assert found(staff["inspector1"], "张") == {here.pk}
    assert found(staff["luxi_inspector"], "建筑") == {there.pk}
    assert found(staff["director"], "有限公司") == {here.pk, there.pk}


def test_a_county_search_reads_only_its_countys_postings_and_still_finds_everything_it_may_see(
    register, staff, luxi, jishou
):
    """A word common in another county and absent from one's own is answered from one's own county's postings
    (the tokens carry the case's jurisdiction); a case granted to the user elsewhere is still found, and so is
    a case moved into the county."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from guardian.shortcuts import assign_perm

    employer = EmployerFactory(name="泸溪峒河建筑有限公司")
    there = [register(actor=staff["luxi_inspector"], jurisdiction=luxi, employer=employer) for _ in range(3)]
    inspector = staff["inspector1"]
    with CaptureQueriesContext(connection) as ctx:
        assert found(inspector, "峒河") == set()
    counts = [q["sql"] for q in ctx if "casework_searchtoken" in q["sql"] and "COUNT" in q["sql"]]
    assert counts and all("jurisdiction_id IN" in sql for sql in counts)
    assert set(SearchToken.objects.filter(case_id=there[0].pk).values_list("jurisdiction_id", flat=True)) == {
        luxi.pk
    }

    assign_perm("casework.view_complaint", inspector, there[0])
    inspector = type(inspector).objects.get(pk=inspector.pk)  # a new request: access read again
    assert found(inspector, "峒河") == {there[0].pk}

    moved = Complaint.objects.get(pk=there[1].pk)
    moved.jurisdiction = jishou
    moved.save()
    inspector = type(inspector).objects.get(pk=inspector.pk)
    assert found(inspector, "峒河") == {there[0].pk, moved.pk}
    assert found(staff["director"], "峒河") == {c.pk for c in there}


def test_the_lists_jurisdiction_filter_narrows_the_search(register, staff, luxi):
    employer = EmployerFactory(name="峒河建筑有限公司")
    here = register(employer=employer)
    there = register(actor=staff["luxi_inspector"], jurisdiction=luxi, employer=employer)
    director = staff["director"]

    def in_jurisdiction(j):
        cases = COMPLAINT_LIST.cases(director, CaseFilters(q="峒河", jurisdiction=j))
        return set(cases.values_list("pk", flat=True))

    assert in_jurisdiction(luxi.pk) == {there.pk}
    assert in_jurisdiction(here.jurisdiction_id) == {here.pk}
    assert in_jurisdiction(None) == {here.pk, there.pk}


def test_the_index_follows_each_change_of_the_searchable_text(register, staff):
    director = staff["director"]
    employer = EmployerFactory(name="峒河建筑有限公司")
    case = register(employer=employer, employer_name_given="峒河建筑")
    assert found(director, "峒河") == {case.pk}  # on create

    employer.name = "乾州劳务有限公司"
    employer.save()  # a record the text reads
    assert found(director, "乾州") == {case.pk}
    assert found(director, "河建") == {case.pk}  # still in the name as given

    case.employer_name_given = "乾州劳务"
    case.save()  # the case's own column
    assert found(director, "峒河") == set()

    other = EmployerFactory(name="矮寨隧道工程")
    case.employer = other
    case.save(update_fields=["employer"])
    assert found(director, "矮寨") == {case.pk} and found(director, "乾州劳务有") == set()

    search_index.forget(Complaint, [case.pk])  # what deleting the case does (post_delete)
    assert not SearchText.objects.filter(case_id=case.pk).exists()
    assert not SearchToken.objects.filter(case_id=case.pk).exists()


def test_a_save_that_changes_no_searchable_value_writes_nothing(register, django_assert_num_queries):
    case = register(employer=EmployerFactory(name="吉首某厂"))
    case = Complaint.objects.get(pk=case.pk)
    case.facts = "另查明"
    with django_assert_num_queries(1):
        case.save(update_fields=["facts"])
    case.workplace = "乾州"
    with django_assert_num_queries(1):
        case.save()


def test_the_rebuild_command_writes_what_the_signals_wrote(seeded):
    def rows():
        return (
            set(SearchText.objects.values_list("content_type_id", "case_id", "text")),
            set(SearchToken.objects.values_list("content_type_id", "case_id", "token")),
        )

    before = rows()
    assert before[0] and before[1]
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))
    assert rows() == before


def test_bigrams_make_short_queries_exact():
    text = search_index.text_of(["张建", None, "", "AB"])
    assert text == "张建\x1fab\x1f"
    tokens = search_index.tokens_of(text)
    assert search_index.bigram("张", "建") in tokens
    assert search_index.bigram("建", "a") not in tokens  # no pair across two values
    assert search_index.bigram("建", "\x1f") in tokens  # the last character of a value starts a pair too


@pytest.mark.parametrize("common", [search_index.COMMON, 2], ids=["collected", "walked"])
def test_a_searched_page_costs_the_same_number_of_queries_whatever_it_finds(
    register, staff, client, monkeypatch, common
):
    monkeypatch.setattr(search_index, "COMMON", common)
    monkeypatch.setattr(search_index, "SAMPLE", 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff["director"])
    employer = EmployerFactory(name="张家建筑有限公司")

    def count(q):
        cache.clear()  # the way each query is answered is decided afresh (not remembered)…
        search_index._ESTIMATES.clear()  # … from sizes read afresh
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("complaint-list"), {"q": q}).status_code == 200
        return len(ctx)

    register(employer=employer), register(employer=employer)
    small = [count("建筑"), count("有限公司")]
    for _ in range(4):
        register(employer=employer)
    assert [count("建筑"), count("有限公司")] == small


@pytest.mark.parametrize("common", [search_index.COMMON, 2], ids=["collected", "walked"])
def test_a_repeated_search_remembers_how_to_answer_and_still_finds_new_cases(
    register, staff, monkeypatch, common
):
    """The second time a query is typed its postings are not counted again (one statement fewer), and what it
    finds is read live: a case saved in between is found."""
    monkeypatch.setattr(search_index, "COMMON", common)
    monkeypatch.setattr(search_index, "SAMPLE", 2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    employer = EmployerFactory(name="张家建筑有限公司")
    first = register(employer=employer)
    register(employer=EmployerFactory(name="吉首饭店"))
    with CaptureQueriesContext(connection) as cold:
        assert found(staff["director"], "建筑") == {first.pk}
    second = register(employer=employer)
    with CaptureQueriesContext(connection) as warm:
        assert found(staff["director"], "建筑") == {first.pk, second.pk}
    assert len(warm) < len(cold)
    assert not any("建筑" in key for key in cache._cache)  # the cache's keys do not hold what staff typed


def test_a_full_name_whose_every_bigram_is_common_is_found_through_the_whole_text(
    register, staff, monkeypatch
):
    """A company's full name (each of its bigrams in most cases, the whole in few) is found exactly; on
    PostgreSQL through the texts' trigram index rather than by rechecking every case holding 公司."""
    monkeypatch.setattr(search_index, "COMMON", 2)
    monkeypatch.setattr(search_index, "SAMPLE", 20)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wanted = register(employer=EmployerFactory(name="湘西刘氏建筑有限公司2001"))
    for n in range(8):
        register(employer=EmployerFactory(name=f"湘西王氏建筑有限公司{2010 + n}"))
        register(employer=EmployerFactory(name=f"吉首刘氏劳务有限公司{2100 + n}"))
    with CaptureQueriesContext(connection) as ctx:
        assert (
            found(staff["director"], "刘氏建筑有限公司2001")
            == {wanted.pk}
            == like_search("刘氏建筑有限公司2001")
        )
    if connection.vendor == "postgresql":
        assert any("casework_searchtext" in q["sql"] and "LIKE" in q["sql"] for q in ctx)


def test_a_search_that_found_nothing_is_remembered_until_a_case_of_the_type_is_indexed(
    register, staff, django_capture_on_commit_callbacks
):
    """A query with no match reads no postings when typed again, and a case saved a moment later — in this
    transaction or committed by someone else — is found at once: each write to the type's index moves its
    generation, and "nothing" holds only at the generation it was found at."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    register(employer=EmployerFactory(name="吉首饭店"))
    with CaptureQueriesContext(connection) as cold:
        assert found(staff["director"], "建筑") == set()
    with CaptureQueriesContext(connection) as again:
        assert found(staff["director"], "建筑") == set()
    assert len(again) < len(cold)
    assert not any(search_index.SearchToken._meta.db_table in q["sql"] for q in again)
    case = register(employer=EmployerFactory(name="湘西建筑公司"))
    assert found(staff["director"], "建筑") == {case.pk}
    assert found(staff["director"], "劳务") == set()
    generation = cache.get(
        search_index._generation_key(search_index.ContentType.objects.get_for_model(Complaint).pk)
    )
    with django_capture_on_commit_callbacks(execute=True):
        other = register(employer=EmployerFactory(name="泸溪劳务公司"))
    assert cache.get(
        search_index._generation_key(search_index.ContentType.objects.get_for_model(Complaint).pk)
    ) not in (None, generation)
    assert found(staff["director"], "劳务") == {other.pk}


def test_a_search_that_finds_more_than_the_cap_says_so(register, staff, client, monkeypatch):
    from casework import pagination
    from casework.kernel import lists

    monkeypatch.setattr(pagination, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(lists, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(lists, "PAGE_SIZE", 1)
    employer = EmployerFactory(name="张家建筑有限公司")
    for _ in range(3):
        register(employer=employer)
    client.force_login(staff["director"])
    page = client.get(reverse("complaint-list"), {"q": "建筑"}).content.decode()
    assert "共 2 条以上" in page
    page = client.get(reverse("complaint-list")).content.decode()
    assert "共 3 条" in page


def test_merged_cases_are_found_as_before(register, staff):
    """A merge (合并) moves the duplicate's state, not its text: both stay found, as a substring search finds them."""
    from casework.inspection.services import complaint_merge

    employer = EmployerFactory(name="峒河劳务有限公司")
    a, b = register(employer=employer), register(employer=employer, employer_name_given="峒河劳务")
    complaint_merge(actor=staff["clerk"], complaint_id=b.pk, into=a.number)
    assert Complaint.objects.get(pk=b.pk).state == "merged"
    for q in ("峒", "峒河", "劳务有限", a.number[:3]):
        assert found(staff["director"], q) == like_search(q) >= {a.pk, b.pk}


def test_a_character_in_most_cases_is_walked_without_counting_its_postings_on_postgresql(
    register, staff, monkeypatch
):
    """One character's postings of a type lie among every type's (the index is ordered by token first): a range
    the planner's statistics already put far above the limit is not counted, and what is found stays exact."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("the planner's estimate is read on PostgreSQL only")
    monkeypatch.setattr(search_index, "COMMON", 2)
    monkeypatch.setattr(search_index, "DENSITY", 10**6)
    for n in range(30):
        register(employer=EmployerFactory(name=f"湘西建筑{n}"))
    rare = register(employer=EmployerFactory(name="吉首饭店"))
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchToken._meta.db_table}")
    director = staff["director"]

    def asked(q):
        """The statements that weighed how common ``q`` is: the planner's estimates and the counts."""
        with CaptureQueriesContext(connection) as ctx:
            assert found(director, q) == like_search(q)
        return [x["sql"].split()[0] for x in ctx if "EXPLAIN" in x["sql"] or "COUNT(*) AS c" in x["sql"]]

    assert asked("湘") == ["EXPLAIN"]  # estimated at well over ten times the limit: walked, not counted
    assert len(like_search("湘")) == 30
    assert asked("饭") == ["EXPLAIN", "SELECT"]  # a rare character is counted
    assert found(director, "饭") == {rare.pk}
    assert asked("建筑") == ["SELECT"]  # a bigram (one run of the index) is counted, never estimated

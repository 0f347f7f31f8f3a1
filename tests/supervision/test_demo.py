from casework.demo import seed_all
from casework.supervision.models import Supervision


def test_the_demo_has_one_supervised_case_with_a_report_and_seeding_twice_changes_nothing(db):
    seed_all()
    seed_all()
    supervision = Supervision.objects.get()
    assert supervision.is_active and supervision.level == "prefecture_listed"
    assert supervision.reports.count() == 1

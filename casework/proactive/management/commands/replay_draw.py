"""``manage.py replay_draw <draw id | inputs.json>``: recompute a draw from its seed, snapshot and algorithm
and compare every hash and the selection with what was published."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from casework.proactive.draw_algorithm import replay


class Command(BaseCommand):
    help = "重放一次双随机抽查：由公开的随机种子、名录库快照和算法重新抽取并核对结果"

    def add_arguments(self, parser):
        parser.add_argument("draw", help="抽查编号，或公开页面下载的 inputs.json 文件")

    def handle(self, *args, **options):
        document = self._document(options["draw"])
        if not document.get("seed_value"):
            raise CommandError("该抽查尚未公布随机种子")
        outcome = replay(document)
        for name, ok in outcome["checks"].items():
            self.stdout.write(f"{name}: {'一致' if ok else '不一致'}")
        for row in outcome["result"]:
            self.stdout.write(f"{row['county']} 单位{row['employer']} 检查人员{row['inspectors']}")
        if not outcome["ok"]:
            raise CommandError("重放结果与公布结果不一致")
        self.stdout.write(self.style.SUCCESS("重放结果与公布结果一致"))

    def _document(self, ref: str) -> dict:
        if ref.isdigit():
            from casework.proactive.models import Draw
            from casework.proactive.services.draws import draw_document

            draw = Draw.objects.filter(pk=int(ref)).first()
            if draw is None:
                raise CommandError(f"抽查 {ref} 不存在")
            return draw_document(draw)
        try:
            return json.loads(Path(ref).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"无法读取 {ref}：{exc}") from None

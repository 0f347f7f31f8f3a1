"""The reply (核处结论) of a clue: its outcome type's template filled from the clue, and the reply file of a
channel in the channel's upload format (``casework.clues.channels``; written by ``casework.spreadsheets``)."""

from string import Formatter

from casework.spreadsheets import append, new_workbook


def template_values(clue) -> dict[str, str]:
    return {
        "编号": clue.number,
        "渠道": clue.get_channel_display(),
        "外部编号": clue.external_ref or clue.number,
        "收到日期": f"{clue.received_on:%Y年%m月%d日}" if clue.received_on else "",
        "单位": clue.employer_label or "被反映单位",
        "案件编号": clue.linked_number,
        "转办对象": clue.transfer_target,
        "理由": clue.triage_reason,
        "答复日期": f"{clue.replied_on:%Y年%m月%d日}" if clue.replied_on else "",
    }


def filled_template(clue, outcome) -> str:
    """The outcome's template with ``{名称}`` placeholders filled; an unknown or malformed placeholder is left
    as written (an administrator's typing error must not stop a reply)."""
    values = template_values(clue)
    out = []
    try:
        for literal, name, _spec, _conv in Formatter().parse(outcome.template or ""):
            out.append(literal)
            if name is not None:
                out.append(values.get(name, "{" + name + "}"))
    except ValueError:
        return outcome.template or ""
    return "".join(out).strip()


def reply_workbook(channel: str, clues):
    """The replies of ``clues`` (one channel's) as the channel takes them back: its columns, one row each."""
    from casework.clues.channels import reply_columns

    columns = reply_columns(channel)
    workbook, sheet = new_workbook("核处结论")
    append(sheet, [header for header, _get in columns])
    for clue in clues:
        append(sheet, [get(clue) for _header, get in columns])
    for index, (header, _get) in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
            12, len(header) * 3
        )
    return workbook

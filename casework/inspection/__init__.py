"""Labour-inspection complaints and reports (劳动保障监察投诉举报案件): a case type on the kernel's contract."""

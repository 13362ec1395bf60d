from reporting.views.exports import dataset_export, exports, review_records_export
from reporting.views.figures import figures, figures_import
from reporting.views.meetings import meeting_detail, meeting_pdf
from reporting.views.narrative import narrative
from reporting.views.packs import pack_download, pack_request
from reporting.views.reports import report_download, report_list, report_preview, report_request
from reporting.views.yearly import (
    yearly_funding,
    yearly_funding_delete,
    yearly_pdf,
    yearly_preview,
    yearly_publish,
    yearly_published,
    yearly_report,
    yearly_section,
    yearly_summary,
)

__all__ = [
    "dataset_export",
    "exports",
    "figures",
    "figures_import",
    "meeting_detail",
    "meeting_pdf",
    "narrative",
    "pack_download",
    "pack_request",
    "report_download",
    "report_list",
    "report_preview",
    "report_request",
    "review_records_export",
    "yearly_funding",
    "yearly_funding_delete",
    "yearly_pdf",
    "yearly_preview",
    "yearly_publish",
    "yearly_published",
    "yearly_report",
    "yearly_section",
    "yearly_summary",
]

"""``/api/v1/notifications/``: the caller's own notifications (unread first), mark read, unread count."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework.inputs import ID_PATTERN
from casework.models import Notification
from casework.selectors.notifications import notifications_for, unread_count
from casework.services import notifications as svc


class NotificationSerializer(serializers.ModelSerializer):
    # Plain text, not an enum in the schema: "kind" is also the complaints' enum name.
    kind = serializers.CharField(read_only=True, help_text="deadline（期限提醒）或 digest（每日摘要）")
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "level", "level_label", "title", "body", "url", "created_at", "read_at"]
        read_only_fields = fields


class NotificationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    lookup_value_regex = ID_PATTERN  # any other id is a 404 (casework.inputs)
    queryset = Notification.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        return notifications_for(self.request.user)

    @extend_schema(summary="标为已读", request=None)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()  # 404 for someone else's
        notification = svc.notification_mark_read(user=request.user, notification_id=notification.pk)
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        summary="全部标为已读",
        request=None,
        responses=inline_serializer("ReadAll", {"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": svc.notifications_mark_all_read(user=request.user)})

    @extend_schema(
        summary="未读数量", responses=inline_serializer("Unread", {"unread": serializers.IntegerField()})
    )
    @action(detail=False, methods=["get"], url_path="unread-count")
    def unread_count(self, request):
        return Response({"unread": unread_count(request.user)})

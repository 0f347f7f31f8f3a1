"""The API's JSON parser: a body must be a JSON object."""

from rest_framework import exceptions
from rest_framework.parsers import JSONParser


class ObjectJSONParser(JSONParser):
    """A JSON body must be an object: an array, a string or a number is a 400, never a crash further on."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise exceptions.ParseError("请求内容必须是 JSON 对象（{…}）")
        return data

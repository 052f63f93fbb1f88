"""help.*: the configuration of the sandbox's single data centre."""
from telethon.tl import functions, types

from ..world import now
from . import handles


@handles(functions.help.GetConfigRequest, auth=False)
def get_config(ctx, request):
    """A real Config listing one DC: the one this connection uses."""
    t = now()
    dc = types.DcOption(id=ctx.dc, ip_address=ctx.link.ip, port=ctx.link.port)
    return types.Config(
        date=t, expires=t + 3600, test_mode=False, this_dc=ctx.dc, dc_options=[dc],
        dc_txt_domain_name='sandbox.invalid', chat_size_max=200, megagroup_size_max=200000,
        forwarded_count_max=100, online_update_period_ms=210000, offline_blur_timeout_ms=5000,
        offline_idle_timeout_ms=30000, online_cloud_timeout_ms=300000, notify_cloud_delay_ms=30000,
        notify_default_delay_ms=1500, push_chat_period_ms=60000, push_chat_limit=2,
        edit_time_limit=172800, revoke_time_limit=2147483647, revoke_pm_time_limit=2147483647,
        rating_e_decay=2419200, stickers_recent_limit=200, channels_read_media_period=604800,
        call_receive_timeout_ms=20000, call_ring_timeout_ms=90000, call_connect_timeout_ms=30000,
        call_packet_timeout_ms=10000, me_url_prefix='https://t.me/', caption_length_max=1024,
        message_length_max=4096, webfile_dc_id=ctx.dc)


@handles(functions.help.GetNearestDcRequest, auth=False)
def get_nearest_dc(ctx, request):
    """help.getNearestDc: always this DC."""
    return types.NearestDc(country='ZZ', this_dc=ctx.dc, nearest_dc=ctx.dc)

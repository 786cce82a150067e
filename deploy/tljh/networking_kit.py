# The Littlest JupyterHub: extra hub settings for the networking_kit workshop.
# deploy/tljh/setup.sh copies this file to /opt/tljh/config/jupyterhub_config.d/,
# which TLJH reads after its own configuration (then: sudo tljh-config reload hub).
# `c` is provided by JupyterHub when it reads this file.
# ruff: noqa: F821

# Participants' servers find the shared drop folder (made by deploy/drop_folder.sh).
# Their workbook files stay at the default, ~/NetworkingKit/my-network.sqlite, in each
# participant's own home (/home/jupyter-NAME): no NETWORKING_KIT_DB here on purpose.
c.Spawner.environment.update({"NETWORKING_KIT_DROP": "/srv/networking-kit/drop"})

# Uploads up to 100 MB (a phone's address book with photos): the server's websocket limit
# is 10 MB by default, and a bigger file would vanish without a word.
c.Spawner.args = [*(c.Spawner.args or []),
                  '--ServerApp.tornado_settings={"websocket_max_message_size": 105906176}']

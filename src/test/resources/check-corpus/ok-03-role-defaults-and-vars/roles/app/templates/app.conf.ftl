user=${app_user}
port=${app_port}

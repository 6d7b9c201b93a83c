package org.concurrencylab.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The published contract's header. A relative server URL keeps the served document equal to openapi.yaml on any host and port. */
@Configuration
class OpenApiConfig {

    @Bean
    OpenAPI labOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Concurrency Lab API")
                        .version("v1")
                        .description("Run concurrency experiments (an execution model applied to a workload) and get "
                                + "measured, stored results back. Errors are RFC 9457 application/problem+json.")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/").description("This server")));
    }
}

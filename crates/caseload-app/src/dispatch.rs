//! Calling any command by name with a JSON request: the CLI's `call` and any other front end
//! that speaks JSON. Generated from the command list, so it can never miss a command.

use serde_json::Value;

use crate::context::Caseload;
use crate::error::{AppError, FieldError};

macro_rules! build_dispatch {
    ($($module:ident :: $name:ident : $req:ty => $resp:ty,)*) => {
        /// Every command's name, in the order of the list.
        pub const COMMAND_NAMES: &[&str] = &[$(stringify!($name)),*];

        /// Runs the command `name` with a JSON request (`null` for none) and returns its JSON response.
        pub fn dispatch(cx: &Caseload, name: &str, request: Value) -> Result<Value, AppError> {
            cx.note_command(name);
            match name {
                $(stringify!($name) => {
                    let request: $req = serde_json::from_value(request).map_err(|e| bad_request(name, e))?;
                    let response: $resp = crate::$module::$name(cx, request)?;
                    serde_json::to_value(response).map_err(|e| AppError::Storage { message: e.to_string() })
                })*
                other => Err(AppError::NotFound {
                    message: format!("There is no command named {other}; the commands are: {}", COMMAND_NAMES.join(", ")),
                    id: other.to_string(),
                }),
            }
        }
    };
}

crate::for_each_command!(build_dispatch);

fn bad_request(name: &str, e: serde_json::Error) -> AppError {
    AppError::Validation {
        message: format!("The request for {name} is not in the expected form"),
        fields: vec![FieldError {
            field: "request".into(),
            message: e.to_string(),
        }],
    }
}
